package dev.hotline.server;

import dev.hotline.server.auth.TokenStore;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.ops.OpRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connection's handlers share: options, sessions, the token, the ops. */
public final class ServerContext {
    private final ServerOptions options;
    private final SessionRegistry sessions;
    private final TokenStore token;
    private final OpRegistry ops;
    private final dev.hotline.server.reload.Reloader reloader;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile int port;

    ServerContext(ServerOptions options, SessionRegistry sessions, TokenStore token,
            dev.hotline.server.reload.Reloader reloader) {
        this.options = options;
        this.sessions = sessions;
        this.token = token;
        this.reloader = reloader;
        this.ops = OpRegistry.standard();
    }

    /** Hot reload of classes, and the record of what was redefined. */
    public dev.hotline.server.reload.Reloader reloader() {
        return reloader;
    }

    public ServerOptions options() {
        return options;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** The token clients must present, or empty when auth is off. */
    public Optional<TokenStore> token() {
        return Optional.ofNullable(token);
    }

    public OpRegistry ops() {
        return ops;
    }

    public AtomicInteger connections() {
        return connections;
    }

    void port(int boundPort) {
        this.port = boundPort;
    }

    /**
     * Shuts the service down as {@code System.exit(0)} would (shutdown hooks run), on a thread of its own so
     * the caller can finish answering first.
     */
    public void shutdownService() {
        ServerLog.info("shutting down on request");
        new Thread(() -> System.exit(0), "hotline-shutdown-request").start();
    }

    public ServerStatus status() {
        return ServerStatus.capture(options.name(), port,
                sessions.all().stream().map(Session::name).sorted().toList(), connections.get());
    }
}
