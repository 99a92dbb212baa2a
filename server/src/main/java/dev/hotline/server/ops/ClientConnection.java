package dev.hotline.server.ops;

import dev.hotline.protocol.SessionNames;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.inspect.HeldObjects;
import dev.hotline.server.service.Service;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One native-protocol connection: the channel its requests answer on, and what ends with it: the ephemeral
 * sessions it created and the objects it was shown.
 */
public final class ClientConnection {
    private final Channel channel;
    private final Service service;
    private final List<Session> ephemeral = new CopyOnWriteArrayList<>();
    private final HeldObjects heldObjects = new HeldObjects();

    ClientConnection(Channel channel, Service service) {
        this.channel = channel;
        this.service = service;
    }

    Channel channel() {
        return channel;
    }

    public Service service() {
        return service;
    }

    /** The session a request names: {@code main} by default, an existing ephemeral one, or a named one. */
    public Session session(String name) throws BadRequestException {
        SessionRegistry sessions = service.sessions();
        if (name == null) {
            return sessions.named(SessionRegistry.DEFAULT_SESSION);
        }
        Session existing = sessions.existing(name);
        if (existing != null) {
            return existing;
        }
        if (!SessionNames.isChoosable(name)) {
            throw new BadRequestException(SessionNames.invalid(name));
        }
        return sessions.named(name);
    }

    /** A fresh session that ends when this connection closes. */
    public Session newEphemeralSession() {
        Session session = service.sessions().ephemeral();
        ephemeral.add(session);
        return session;
    }

    /** The objects this connection was shown by number, to look inside them ({@code inspect}). */
    public HeldObjects heldObjects() {
        return heldObjects;
    }

    /** Called when the connection has closed. */
    void closed() {
        heldObjects.clear();
        ephemeral.forEach(service.sessions()::close);
        ephemeral.clear();
    }
}
