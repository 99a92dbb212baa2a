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

    private final io.netty.channel.group.ChannelGroup nativeClients = new io.netty.channel.group.DefaultChannelGroup(
            io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
    private final java.util.Map<java.nio.file.Path, dev.hotline.server.reload.DirectoryWatcher> watchers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Adds a native connection to those that hear events (it leaves by itself when it closes). */
    public void addNativeClient(io.netty.channel.Channel channel) {
        nativeClients.add(channel);
    }

    /** Sends an event to every connected native client. */
    public void broadcast(dev.hotline.protocol.Sexp event) {
        nativeClients.writeAndFlush(event);
    }

    /**
     * Watches a directory of class files (once per directory); each reloaded batch is logged and broadcast as
     * {@code (:event "reload" :report TEXT :failed t|nil)}.
     */
    public void watch(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path key = dir.toAbsolutePath().normalize();
        if (watchers.containsKey(key)) {
            return;
        }
        watchers.put(key, new dev.hotline.server.reload.DirectoryWatcher(key, reloader, report -> {
            ServerLog.info("watch " + key + ": " + report.toText().strip().replace("\n", "; "));
            broadcast(dev.hotline.protocol.Plist.builder().put("event", "reload").put("report", report.toText())
                    .put("failed", dev.hotline.protocol.Sexp.bool(report.failed())).build().toSexp());
        }));
        ServerLog.info("watching " + key + " for changed class files");
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
        new Thread(() -> {
            dev.hotline.server.guard.ExitGuardInstaller.unmarkCurrentThread(); // asked for by a client, not a snippet
            System.exit(0);
        }, "hotline-shutdown-request").start();
    }

    public ServerStatus status() {
        return ServerStatus.capture(options.name(), port,
                sessions.all().stream().map(Session::name).sorted().toList(), connections.get(),
                reloader.log().entries().size());
    }
}
