package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.Session;
import dev.hotline.server.exchange.Exchange;
import dev.hotline.server.exchange.OutputTarget;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code (:emacs-rex FORM PACKAGE THREAD ID)} request, the Swank dialect's {@link Exchange}: answered by
 * exactly one {@code (:return (:ok VALUE) ID)} or {@code (:return (:abort REASON) ID)}, whichever comes first.
 * What its evaluation prints goes to SLIME's REPL as {@code :write-string} while it runs, or is kept for the
 * answer ({@link #keepOutput()}).
 */
final class SwankCall extends Exchange {
    private final String rpc;
    private final List<Sexp> args;
    private final Sexp packageName;
    private final Sexp id;
    private final SwankConnection connection;
    private volatile StringBuilder kept; // null while output streams to the REPL
    private boolean started; // guarded by this, with cancelled
    private boolean cancelled;

    SwankCall(String rpc, List<Sexp> args, Sexp packageName, Sexp id, SwankConnection connection) {
        super(connection.channel());
        this.rpc = rpc;
        this.args = args;
        this.packageName = packageName;
        this.id = id;
        this.connection = connection;
    }

    /** The RPC's name without its package, lower-cased: {@code listener-eval}. */
    String rpc() {
        return rpc;
    }

    Sexp id() {
        return id;
    }

    SwankConnection connection() {
        return connection;
    }

    /** Argument {@code index} as a string; SLIME quotes some ({@code '"COMMON-LISP-USER"}), which is undone. */
    String string(int index) throws SwankException {
        Sexp arg = arg(index);
        if (arg instanceof Sexp.Str s) {
            return s.value();
        }
        throw new SwankException(rpc + " expects a string as argument " + (index + 1) + ", got " + arg.print());
    }

    /** Argument {@code index} as an integer. */
    long integer(int index) throws SwankException {
        Sexp arg = arg(index);
        if (arg instanceof Sexp.Int i) {
            return i.value();
        }
        throw new SwankException(rpc + " expects an integer as argument " + (index + 1) + ", got " + arg.print());
    }

    /** Argument {@code index} with any quote removed, or nil when the call has fewer arguments. */
    Sexp arg(int index) {
        return index < args.size() ? unquote(args.get(index)) : Sexp.NIL;
    }

    /** The value after keyword argument {@code :name} ({@code :limit 300}), or nil when the call has none. */
    Sexp keyword(String name) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i) instanceof Sexp.Kw k && k.name().equals(name)) {
                return unquote(args.get(i + 1));
            }
        }
        return Sexp.NIL;
    }

    /** The session the request's package names (see {@link SwankConnection#session(Sexp)}). */
    Session session() {
        return connection.session(packageName);
    }

    void ok(Sexp value) {
        finish(Sexp.list(Sexp.kw("return"), Sexp.list(Sexp.kw("ok"), value), id), () -> { });
    }

    /** Ends the call as aborted; SLIME prints "Evaluation aborted on REASON". Null reason prints as nil. */
    @Override
    protected void refuse(String message) {
        abort(message);
    }

    void abort(String reason) {
        Sexp why = reason == null ? Sexp.NIL : Sexp.str(reason);
        finish(Sexp.list(Sexp.kw("return"), Sexp.list(Sexp.kw("abort"), why), id), () -> { });
    }

    /**
     * The call's evaluation is starting on its session's worker; false when an interrupt came first, and the
     * evaluation must not run.
     */
    synchronized boolean start() {
        started = !cancelled;
        return started;
    }

    /** Keeps an evaluation that has not started from ever starting; false when it already has. */
    synchronized boolean cancelIfNotStarted() {
        cancelled = !started;
        return cancelled;
    }

    /** From now on, output is kept for the answer ({@link #keptOutput()}) instead of going to the REPL. */
    void keepOutput() {
        kept = new StringBuilder();
    }

    /** What was printed since {@link #keepOutput()}; empty when output went to the REPL. */
    String keptOutput() {
        StringBuilder text = kept;
        if (text == null) {
            return "";
        }
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    protected void writeOutput(OutputTarget.Stream stream, String text) {
        StringBuilder keep = kept;
        if (keep == null) {
            connection.writeString(text);
        } else {
            synchronized (keep) {
                keep.append(text);
            }
        }
    }

    @Override
    protected String dialect() {
        return "swank";
    }

    @Override
    public void abandoned(String reason) {
        connection.evaluationEnded(this);
        abort(reason);
    }

    @Override
    public void failed(String message) {
        connection.evaluationEnded(this);
        abort(message);
    }

    /**
     * Answers {@code fallback} if nothing else has answered within {@code millis}: SLIME waits for synchronous
     * calls (completion, autodoc) with Emacs frozen, so they must come back promptly even when the session is
     * busy evaluating.
     */
    void okUnlessAnsweredWithin(long millis, Sexp fallback) {
        connection.schedule(() -> ok(fallback), millis, TimeUnit.MILLISECONDS);
    }

    private static Sexp unquote(Sexp arg) {
        if (arg instanceof Sexp.Lst l && l.size() == 2 && l.get(0) instanceof Sexp.Sym s && s.localName().equals("quote")) {
            return l.get(1);
        }
        return arg;
    }
}
