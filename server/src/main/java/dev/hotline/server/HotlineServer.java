package dev.hotline.server;

import dev.hotline.protocol.RunDirectory;
import dev.hotline.server.auth.TokenStore;
import dev.hotline.server.eval.SessionLimits;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.image.Snapshots;
import dev.hotline.server.ops.OpRegistry;
import dev.hotline.server.pipeline.ServerInitializer;
import dev.hotline.server.reload.Reloader;
import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.service.Service;
import dev.hotline.server.support.RunFiles;
import dev.hotline.server.support.ServerLog;
import dev.hotline.server.support.ServerOptions;
import dev.hotline.server.trace.Tracer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server inside the target JVM: one port, three dialects, sessions that evaluate Java in this process.
 * One event-loop thread serves all connections; evaluation runs on session threads, never on it.
 */
public final class HotlineServer implements AutoCloseable {
    private static final String PORT_PROPERTY = "dev.hotline.port";
    private static final String PORT_FILE_PROPERTY = "dev.hotline.port-file";
    private static final String TOKEN_FILE_PROPERTY = "dev.hotline.token-file";
    private static final String SERVICE_PROPERTY = "dev.hotline.service";

    private final ServerOptions options;
    private final RunDirectory files;
    private final Service service;
    private final EventLoopGroup loop;
    private final Channel channel;
    private final String portFileContent;

    private HotlineServer(ServerOptions options, RunDirectory files, Service service, EventLoopGroup loop,
            Channel channel) {
        this.options = options;
        this.files = files;
        this.service = service;
        this.loop = loop;
        this.channel = channel;
        this.portFileContent = port() + "\n";
    }

    /**
     * Binds the port, writes the token and port files and returns once clients can connect.
     *
     * @param resume what the image held before {@code main} ({@link Snapshots#preload}), for the replay
     * @param detach what {@code detach} does: the agent entry stops this server and gives up the service
     * @throws IOException if the run directory or its files cannot be written, or the port cannot be bound
     */
    public static HotlineServer start(ServerOptions options, Instrumentation instrumentation, Snapshots.Resume resume,
            Runnable detach) throws IOException {
        RunDirectory files = options.runDirectory();
        files.create();
        TokenStore token = options.authRequired()
                ? TokenStore.loadOrCreate(files.tokenFile(), RunFiles::writeAtomically) : null;
        SessionRegistry sessions = new SessionRegistry(instrumentation, new SessionLimits(
                options.recycleAfter(), options.maxOutputBytes(), options.maxValueChars(), options.stopThreads(),
                options.evalTimeoutSeconds(), options.exitGuard()));
        if (options.warmUp()) {
            sessions.named(SessionRegistry.DEFAULT_SESSION).warmUp(); // in the background, while the port opens
        }
        SourceCompiler compiler = new SourceCompiler(sessions.appClassFileManager());
        Reloader reloader = new Reloader(instrumentation, compiler);
        Service service = new Service(options, sessions, reloader,
                new Snapshots(options.name(), options.imageFile(), sessions, reloader, resume),
                new Tracer(instrumentation, compiler, reloader.log(), options.maxValueChars()), detach);
        EventLoopGroup loop = new NioEventLoopGroup(1, daemonThreads("hotline-io"));
        Channel channel;
        try {
            channel = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // Unpooled buffers: a REPL port's traffic does not need Netty's pools, which would keep
                    // megabytes of arena chunks in the service's heap after a burst of connections.
                    .childOption(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ServerInitializer(service, token, OpRegistry.standard()))
                    .bind(new InetSocketAddress(options.host(), options.port()))
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            loop.shutdownGracefully();
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        HotlineServer server = new HotlineServer(options, files, service, loop, channel);
        service.port(server.port());
        if (options.watch() != null) {
            try {
                service.watch(options.watch());
            } catch (IOException e) {
                ServerLog.warn("cannot watch " + options.watch() + ": " + e.getMessage());
            }
        }
        RunFiles.writeAtomically(files.portFile(), server.portFileContent);
        server.advertise();
        server.announce();
        return server;
    }

    /** The service the connections work on. */
    public Service service() {
        return service;
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Stops listening and removes the port file if it is still ours; runs as the JVM's shutdown hook. Sessions
     * are left alone: the JVM is ending anyway, and stopping their threads here would stop the very thread
     * that called {@code System.exit} (with {@code exit-guard=false}) on JDK 17, whose exit then never ends.
     */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loop.shutdownGracefully();
        RunFiles.deleteIfContains(files.portFile(), portFileContent);
    }

    /**
     * Stops Hotline and leaves the JVM running: closes the server, ends the sessions and their JShells, and
     * removes the files and system properties that advertise it. (The service lock is the agent entry's.)
     */
    void detach() {
        close();
        service.tracer().close();
        service.sessions().close();
        try {
            Files.deleteIfExists(files.tokenFile());
        } catch (IOException e) {
            ServerLog.warn("detached, but could not remove " + files.tokenFile() + ": " + e.getMessage());
        }
        for (String key : List.of(PORT_PROPERTY, PORT_FILE_PROPERTY, TOKEN_FILE_PROPERTY, SERVICE_PROPERTY)) {
            System.clearProperty(key);
        }
        ServerLog.info("detached: the service runs on without Hotline (hotline attach starts it again)");
    }

    /**
     * Lets {@code hotline attach} and {@code hotline list} find this server in a running JVM through the Attach
     * API, which can read system properties without loading anything.
     */
    private void advertise() {
        System.setProperty(PORT_PROPERTY, String.valueOf(port()));
        System.setProperty(PORT_FILE_PROPERTY, files.portFile().toString());
        System.setProperty(TOKEN_FILE_PROPERTY, files.tokenFile().toString());
        System.setProperty(SERVICE_PROPERTY, options.name());
    }

    private void announce() {
        ServerLog.info("listening on " + options.host() + ":" + port() + " (service " + options.name()
                + (options.authRequired() ? ", token in " + files.tokenFile() : "") + ")");
        if (!options.authRequired()) {
            ServerLog.warn("authentication is OFF (auth=none): anyone who can reach " + options.host() + ":" + port()
                    + " can run code in this JVM");
        }
        if (!options.loopbackOnly()) {
            ServerLog.warn("listening on " + options.host() + ", not loopback: the port is reachable from other hosts");
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
