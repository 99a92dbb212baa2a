package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.RunningSnippet;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.service.Service;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One SLIME connection: where its messages go, its debugger levels and the evaluations it has asked for
 * (so {@code (:emacs-interrupt ...)} knows what to stop). Its REPL works in session {@code main}, the one
 * Hotline's own clients share, like a Lisp image's listener.
 */
final class SwankConnection {
    /** The REPL's "thread" in {@code :debug} messages; SLIME echoes it back and Hotline needs no other. */
    static final long REPL_THREAD = 1;

    private final Channel channel;
    private final Service service;
    private final SwankDebugger debugger = new SwankDebugger(this);
    private final SwankTraceDialog traceDialog;
    private final Map<SwankCall, Session> evaluations = new ConcurrentHashMap<>();
    private volatile boolean hasRepl;

    SwankConnection(Channel channel, Service service) {
        this.channel = channel;
        this.service = service;
        this.traceDialog = new SwankTraceDialog(this, service.tracer());
    }

    Channel channel() {
        return channel;
    }

    SwankDebugger debugger() {
        return debugger;
    }

    SwankTraceDialog traceDialog() {
        return traceDialog;
    }

    /** Sends one message; safe from any thread. */
    void send(Sexp message) {
        channel.writeAndFlush(message);
    }

    /** {@code create-repl} was called: SLIME has a REPL buffer, which is what handles {@code :write-string}. */
    void replCreated() {
        hasRepl = true;
    }

    /**
     * Whether SLIME can take {@code :write-string} messages. Without the slime-repl contrib it cannot (such a
     * message breaks its dispatch), so output then travels in the replies instead.
     */
    boolean hasRepl() {
        return hasRepl;
    }

    /** Output for the REPL buffer, as a program's output. */
    void writeString(String text) {
        if (!text.isEmpty()) {
            send(Sexp.list(Sexp.kw("write-string"), Sexp.str(text)));
        }
    }

    /** A value for the REPL buffer, shown as the result of the input. */
    void writeResult(String text) {
        send(Sexp.list(Sexp.kw("write-string"), Sexp.str(text), Sexp.kw("repl-result")));
    }

    /** A one-line note in Emacs' echo area, for problems that belong to no request. */
    void backgroundMessage(String text) {
        send(Sexp.list(Sexp.kw("background-message"), Sexp.str(text)));
    }

    void schedule(Runnable task, long delay, TimeUnit unit) {
        channel.eventLoop().schedule(task, delay, unit);
    }

    /**
     * The session for a request's package: a session of that name if one exists, else {@code main}. SLIME sends
     * {@code "COMMON-LISP-USER"} or nil from buffers that name no package; neither creates a session.
     */
    Session session(Sexp packageName) {
        SessionRegistry sessions = service.sessions();
        if (packageName instanceof Sexp.Str s && SessionRegistry.isValidName(s.value())) {
            Session existing = sessions.existing(s.value());
            if (existing != null) {
                return existing;
            }
        }
        return sessions.named(SessionRegistry.DEFAULT_SESSION);
    }

    /** An evaluation of this connection was queued in {@code session}; it counts until {@link #evaluationEnded}. */
    void evaluationRequested(SwankCall call, Session session) {
        evaluations.put(call, session);
    }

    void evaluationEnded(SwankCall call) {
        evaluations.remove(call);
        debugger.ended(call);
    }

    /**
     * {@code (:emacs-interrupt THREAD)}, SLIME's {@code C-c C-b}: opens the debugger where each evaluation of
     * this connection is running (see {@link SwankDebugger}), or stops it when there is nowhere to show (it is
     * not in snippet code yet, or its level is already open). Evaluations still queued never start. Another
     * client's evaluation is never touched.
     */
    void interruptFromEmacs() {
        evaluations.forEach((call, session) -> {
            if (call.cancelIfNotStarted()) {
                return;
            }
            Optional<RunningSnippet> where = debugger.isInterrupted(call) ? Optional.empty() : session.runningSnippet();
            if (where.isPresent()) {
                debugger.interrupted(call, where.get(), session::interrupt);
            } else {
                session.interrupt();
            }
        });
    }

    /**
     * Stops what this connection is evaluating, and keeps what it has queued from starting (an interrupt sent
     * while the evaluation waits its turn, behind other work in the session or a JShell being created, must not
     * be lost).
     */
    void interrupt() {
        evaluations.forEach((call, session) -> {
            if (!call.cancelIfNotStarted()) {
                session.interrupt();
            }
        });
    }

    /** Closes the connection once everything sent so far has left. */
    void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Called when the connection has closed: evaluations it started are stopped, nobody waits for them. */
    void closed() {
        interrupt();
    }
}
