package dev.hotline.server.exchange;

import dev.hotline.server.auth.Credentials;
import dev.hotline.server.auth.Role;
import dev.hotline.server.channel.Backpressure;
import dev.hotline.server.channel.ConnectionRole;
import dev.hotline.server.channel.RequestsInFlight;
import dev.hotline.server.channel.SocketPeers;
import dev.hotline.server.support.AuditLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request of any dialect, from when it is read until its final answer has been written: the lifecycle that
 * a native op, a Swank call and a line of line mode share. Dialects subclass it to say how their wire spells
 * output and endings; everything else is here, once:
 *
 * <ul>
 *   <li>it counts as in flight ({@link RequestsInFlight}) from construction until its final answer has left,
 *       so an idle timeout leaves a long evaluation alone and a half-closed connection closes after it;</li>
 *   <li>it runs only when its connection's role allows it ({@link #permits}, from the {@link RoleTable}); a refusal
 *       is answered in the dialect and audited;</li>
 *   <li>it is answered exactly once: {@link #finish} sends the first final answer and ignores later ones (work
 *       abandoned after an interrupt may still finish afterwards), and {@link #send} drops intermediate messages
 *       once the answer has gone;</li>
 *   <li>what its work prints reaches the client through {@link #output()}, which holds up the printing thread
 *       while the client reads slowly, and stops accepting once the connection has closed.</li>
 * </ul>
 *
 * <p>Thread-safe: work for an exchange runs on a session's worker while its connection's I/O thread may
 * interrupt or answer it.
 */
public abstract class Exchange {
    /** The service's audit log, which the pipeline puts on each connection. */
    public static final AttributeKey<AuditLog> AUDIT = AttributeKey.valueOf("hotline.audit");
    /**
     * Where a bridged connection comes from, as its bridge says ({@code ssh:USER@ADDRESS:PORT} or {@code
     * bridge:USER}); the audit log records it beside the peer, which for a bridge is the bridge itself.
     */
    public static final AttributeKey<String> ORIGIN = AttributeKey.valueOf("hotline.origin");

    private final Channel channel;
    private final long started = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final OutputTarget output = new OutputTarget() {
        @Override
        public void write(Stream stream, String text) {
            writeOutput(stream, text);
        }

        @Override
        public boolean isOpen() {
            return channel.isActive();
        }

        @Override
        public void awaitRoom() {
            Backpressure.awaitWritable(channel);
        }
    };

    protected Exchange(Channel channel) {
        this.channel = channel;
        RequestsInFlight.started(channel);
    }

    /** The connection this exchange answers on. */
    protected final Channel channel() {
        return channel;
    }

    /** Whether the final answer has been given. */
    public final boolean answered() {
        return answered.get();
    }

    /** Sends a message that belongs to the answer without ending it; dropped once the exchange has ended. */
    protected final void send(Object message) {
        if (!answered.get()) {
            channel.writeAndFlush(message);
        }
    }

    /**
     * Writes a message that belongs to the answer without sending it yet: {@link #flush} sends what was written.
     * For many small messages at once, such as a trace's calls. Dropped once the exchange has ended.
     */
    protected final void write(Object message) {
        if (!answered.get()) {
            channel.write(message);
        }
    }

    /** Sends what {@link #write} wrote. */
    public final void flush() {
        channel.flush();
    }

    /**
     * Ends the exchange: sends {@code message} (null when the dialect has nothing more to say), then runs
     * {@code afterSent} once it has left. Only the first call counts.
     *
     * @return false when the exchange had already ended, and nothing was sent
     */
    protected final boolean finish(Object message, Runnable afterSent) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        channel.writeAndFlush(message == null ? Unpooled.EMPTY_BUFFER : message).addListener(f -> {
            afterSent.run();
            RequestsInFlight.finished(channel);
        });
        return true;
    }

    /**
     * Whether this exchange's connection may make {@code request}, which needs {@code needed} (the
     * {@link RoleTable}'s answer). When it may not, the exchange is answered with a refusal that names the role
     * it needs and how to get it ({@link #refuse}), the refusal is audited, and this returns false.
     *
     * @param request what was asked, as the client named it: {@code eval}, {@code /reload}, {@code listener-eval}
     */
    public final boolean permits(String request, Role needed) {
        Credentials.Grant grant = grant();
        if (grant.role().allows(needed)) {
            return true;
        }
        audit(request, "", "", "refused: needs " + needed.word(), List.of());
        refuse(request + " needs the " + needed.word() + " role; this connection has " + grant.role().word() + " ("
                + grant.credential() + "). " + RoleTable.HOW_TO_OPERATE);
        return false;
    }

    /** The role this exchange's connection came in with, and the credential that granted it. */
    public final Credentials.Grant grant() {
        return ConnectionRole.of(channel);
    }

    /** Ends the exchange with a refusal: the request was not run. */
    protected abstract void refuse(String message);

    /** The dialect this exchange speaks, as the audit log names it: {@code native}, {@code line} or {@code swank}. */
    protected abstract String dialect();

    /**
     * Records in the service's audit log that this exchange ran or changed code, and how that went; its
     * duration is from when the exchange was read until now. The peer is the client's address, or on the Unix
     * socket {@code unix:USER}; the origin is what a bridge said of its own client ({@link #ORIGIN}), or empty.
     *
     * @param session the session, or empty
     * @param code what ran, as the client sent it (code, a trace spec, paths), or empty
     * @param classes the classes redefined
     */
    public final void audit(String op, String session, String code, String outcome, List<String> classes) {
        AuditLog log = channel.attr(AUDIT).get();
        if (log != null) {
            String user = channel.attr(SocketPeers.PEER_USER).get();
            Credentials.Grant grant = grant();
            String peer = user != null ? "unix:" + user : channel.remoteAddress() instanceof InetSocketAddress a
                    ? a.getHostString() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
            String origin = channel.attr(ORIGIN).get();
            log.write(new AuditLog.Entry(dialect(), peer, grant.role().word(), grant.credential(),
                    origin == null ? "" : origin, session, op, code, outcome,
                    (System.nanoTime() - started) / 1000, classes));
        }
    }

    /** Where the output of this exchange's work goes, in the dialect's form ({@link #writeOutput}). */
    public final OutputTarget output() {
        return output;
    }

    /** Sends text the work printed, as the dialect shows output. Called from the printing thread. */
    protected abstract void writeOutput(OutputTarget.Stream stream, String text);

    /**
     * Ends the exchange because its work was given up: an interrupt that could not stop it, or its session
     * closing under it.
     */
    public abstract void abandoned(String reason);

    /** Ends the exchange because Hotline itself failed while doing its work: a bug, reported rather than lost. */
    public abstract void failed(String message);
}
