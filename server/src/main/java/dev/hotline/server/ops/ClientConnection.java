package dev.hotline.server.ops;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.ServerContext;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.net.RequestsInFlight;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One native-protocol connection: where its replies go, and the ephemeral sessions it created, which end
 * with it.
 */
public final class ClientConnection {
    private final Channel channel;
    private final ServerContext context;
    private final List<Session> ephemeral = new CopyOnWriteArrayList<>();
    private volatile boolean inputEnded;

    public ClientConnection(Channel channel, ServerContext context) {
        this.channel = channel;
        this.context = context;
    }

    public ServerContext context() {
        return context;
    }

    /** Sends one reply; safe from any thread. */
    public void send(Sexp reply) {
        channel.writeAndFlush(reply);
    }

    /** A request has started; its final reply goes through {@link #sendFinal}. */
    void requestStarted() {
        RequestsInFlight.started(channel);
    }

    /**
     * Sends a request's final reply, then runs {@code afterSent}; if the client has stopped sending and this
     * was the last request in flight, the connection then closes.
     */
    void sendFinal(Sexp reply, Runnable afterSent) {
        channel.writeAndFlush(reply).addListener(f -> {
            afterSent.run();
            if (RequestsInFlight.finished(channel) == 0 && inputEnded) {
                channel.close();
            }
        });
    }

    /**
     * The client has closed its sending side (as {@code nc -N} does, or by going away): what it sent is still
     * answered, then the connection closes; at once when nothing is in flight, so half-closed connections
     * cannot pile up.
     */
    public void inputEnded() {
        inputEnded = true;
        if (!RequestsInFlight.any(channel)) {
            channel.close();
        }
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** See {@link dev.hotline.server.net.Backpressure#awaitWritable}. */
    public void awaitWritable() {
        dev.hotline.server.net.Backpressure.awaitWritable(channel);
    }

    /** The session a request names: {@code main} by default, an existing ephemeral one, or a named one. */
    public Session session(String name) throws BadRequestException {
        if (name == null) {
            return context.sessions().named(SessionRegistry.DEFAULT_SESSION);
        }
        Session existing = context.sessions().existing(name);
        if (existing != null) {
            return existing;
        }
        if (!SessionRegistry.isValidName(name) || name.startsWith("anon-")) {
            throw new BadRequestException("invalid session name '" + name
                    + "': use 1 to 64 letters, digits, '.', '_' or '-' (names starting with anon- are reserved)");
        }
        return context.sessions().named(name);
    }

    /** A fresh session that ends when this connection closes. */
    public Session newEphemeralSession() {
        Session session = context.sessions().ephemeral();
        ephemeral.add(session);
        return session;
    }

    /** Called when the connection has closed. */
    public void closed() {
        ephemeral.forEach(context.sessions()::close);
        ephemeral.clear();
    }
}
