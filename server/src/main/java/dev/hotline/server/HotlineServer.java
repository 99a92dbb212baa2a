package dev.hotline.server;

import dev.hotline.protocol.PortFile;
import dev.hotline.protocol.RunDirectory;
import dev.hotline.server.auth.Credentials;
import dev.hotline.server.auth.SocketGroup;
import dev.hotline.server.auth.TlsIdentity;
import dev.hotline.server.channel.SocketPeers;
import dev.hotline.server.compilehost.CompileHostEvaluators;
import dev.hotline.server.eval.SessionLimits;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.image.Snapshots;
import dev.hotline.server.ops.OpRegistry;
import dev.hotline.server.pipeline.ServerInitializer;
import dev.hotline.server.probe.LineProbes;
import dev.hotline.server.profile.Profiler;
import dev.hotline.server.reload.Javac;
import dev.hotline.server.reload.Reloader;
import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.service.Service;
import dev.hotline.server.support.RunFiles;
import dev.hotline.server.support.ServerLog;
import dev.hotline.server.support.ServerOptions;
import dev.hotline.server.trace.ClassWeaving;
import dev.hotline.server.trace.ProbeAccounts;
import dev.hotline.server.trace.Tracer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
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
    private final Channel channel; // the TCP port, or null with tcp=false
    private final Channel socket; // the Unix-domain socket, or null with socket=none
    private final String portFileContent;

    private HotlineServer(ServerOptions options, RunDirectory files, Service service, EventLoopGroup loop,
            Channel channel, Channel socket, TlsIdentity tls) {
        this.options = options;
        this.files = files;
        this.service = service;
        this.loop = loop;
        this.channel = channel;
        this.socket = socket;
        this.portFileContent = new PortFile(port(), Optional.ofNullable(tls).map(TlsIdentity::fingerprint)).content();
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
        Credentials credentials = options.authRequired()
                ? Credentials.loadOrCreate(files, RunFiles::writeAtomically) : null;
        SocketGroup socketGroup = options.socketGroup() == null ? null : SocketGroup.named(options.socketGroup());
        TlsIdentity tls = options.tls() ? TlsIdentity.loadOrCreate(files.tlsFile(), RunFiles::writeAtomically) : null;
        CompileHostEvaluators compileHost = options.compile().host() ? compileHost(options, files) : null;
        SessionRegistry sessions = new SessionRegistry(instrumentation, new SessionLimits(
                options.recycleAfter(), options.maxOutputBytes(), options.maxValueChars(), options.stopThreads(),
                options.evalTimeoutSeconds(), options.exitGuard()),
                compileHost != null ? compileHost : SessionRegistry.IN_PROCESS);
        if (options.warmUp()) {
            sessions.named(SessionRegistry.DEFAULT_SESSION).warmUp(); // in the background, while the port opens
        }
        Javac javac = new Javac(sessions.appClassFileManager(), System.getProperty("java.class.path", ""));
        SourceCompiler compiler = new SourceCompiler(compileHost != null ? compileHost.sources(sessions::appView, javac)
                : javac);
        Reloader reloader = new Reloader(instrumentation, compiler);
        ClassWeaving weaving = new ClassWeaving(instrumentation, reloader.log());
        ProbeAccounts accounts = new ProbeAccounts(options.probes().budgetPercent());
        Service service = new Service(options, sessions, reloader,
                new Snapshots(options.name(), options.imageFile(), sessions, reloader, resume),
                new Tracer(instrumentation, compiler, weaving, options.maxValueChars(), accounts),
                new LineProbes(instrumentation, compiler, weaving, options.maxValueChars(), options.probes(), accounts),
                new Profiler(), detach);
        EventLoopGroup loop = new NioEventLoopGroup(1, daemonThreads("hotline-io"));
        Channel channel = null;
        Channel socket = null;
        try {
            if (options.tcp()) {
                channel = bootstrap(loop, ServerInitializer.forPort(service, credentials, OpRegistry.standard(),
                        tls == null ? null : tls.serverContext()))
                        .channel(NioServerSocketChannel.class)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .bind(new InetSocketAddress(options.host(), options.port()))
                        .syncUninterruptibly()
                        .channel();
            }
            if (options.socket() != null) {
                try {
                    socket = bindSocket(loop, service, options.socket(), socketGroup);
                } catch (RuntimeException | IOException e) {
                    if (!options.tcp()) {
                        throw e;
                    }
                    // A path longer than a socket address takes (about 107 bytes), say: the port still serves.
                    ServerLog.warn("cannot listen on " + options.socket() + " (" + e.getMessage() + "); clients use"
                            + " the TCP port; set socket=PATH to a shorter path, or socket=none");
                }
            }
        } catch (RuntimeException | IOException e) {
            if (channel != null) {
                channel.close();
            }
            loop.shutdownGracefully();
            throw new IOException("cannot listen on " + (channel == null && options.tcp() ? options.host() + ":"
                    + options.port() : options.socket()) + ": " + e.getMessage(), e);
        }
        if (socketGroup != null) {
            socketGroup.share(files.dir(), options.socket(), files.observeTokenFile());
        }
        HotlineServer server = new HotlineServer(options, files, service, loop, channel, socket, tls);
        service.port(server.port());
        if (options.watch() != null) {
            try {
                service.watch(options.watch());
            } catch (IOException e) {
                ServerLog.warn("cannot watch " + options.watch() + ": " + e.getMessage());
            }
        }
        if (channel != null) {
            RunFiles.writeAtomically(files.portFile(), server.portFileContent);
        }
        server.advertise();
        server.announce();
        return server;
    }

    /** Sessions and sources compiled in a compile host, started from this agent's jar ({@code compile=host}). */
    private static CompileHostEvaluators compileHost(ServerOptions options, RunDirectory files) throws IOException {
        try {
            Path agentJar = Path.of(HotlineServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new CompileHostEvaluators(files.compilerSocketFile(), agentJar, options.compile());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("compile=host: cannot find the agent jar to start the compile host from: " + e);
        }
    }

    /** The service the connections work on. */
    public Service service() {
        return service;
    }

    /** The bound port; 0 with {@code tcp=false}. */
    public int port() {
        return channel == null ? 0 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** What both listeners share: unpooled buffers (half-closure is the initializer's, see ServerInitializer). */
    private static ServerBootstrap bootstrap(EventLoopGroup loop, ServerInitializer initializer) {
        return new ServerBootstrap()
                .group(loop)
                // Unpooled buffers: a REPL port's traffic does not need Netty's pools, which would keep
                // megabytes of arena chunks in the service's heap after a burst of connections.
                .childOption(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT)
                .childHandler(initializer);
    }

    /**
     * Listens on the Unix-domain socket {@code path} (a stale one from a crash is replaced), mode 0600, where no
     * token is asked: the service's own user gets in, and {@code group}'s members to observe ({@link SocketPeers}).
     */
    private static Channel bindSocket(EventLoopGroup loop, Service service, Path path, SocketGroup group)
            throws IOException {
        Files.deleteIfExists(path);
        Channel socket = bootstrap(loop, ServerInitializer.forSocket(service, group, OpRegistry.standard()))
                .channel(NioServerDomainSocketChannel.class)
                .bind(UnixDomainSocketAddress.of(path))
                .syncUninterruptibly()
                .channel();
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return socket;
    }

    /**
     * Stops listening and removes the port file if it is still ours; runs as the JVM's shutdown hook. Sessions
     * are left alone: the JVM is ending anyway, and stopping their threads here would stop the very thread
     * that called {@code System.exit} (with {@code exit-guard=false}) on JDK 17, whose exit then never ends.
     */
    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            RunFiles.deleteIfContains(files.portFile(), portFileContent);
        }
        if (socket != null) {
            socket.close().syncUninterruptibly();
            try {
                Files.deleteIfExists(options.socket());
            } catch (IOException e) {
                ServerLog.warn("could not remove " + options.socket() + ": " + e.getMessage());
            }
        }
        loop.shutdownGracefully();
    }

    /**
     * Stops Hotline and leaves the JVM running: closes the server, ends the sessions and their JShells, and
     * removes the files and system properties that advertise it. (The service lock is the agent entry's.)
     */
    void detach() {
        close();
        service.tracer().close();
        service.probes().close();
        service.profiler().close();
        service.sessions().close();
        for (Path token : List.of(files.tokenFile(), files.observeTokenFile())) {
            try {
                Files.deleteIfExists(token);
            } catch (IOException e) {
                ServerLog.warn("detached, but could not remove " + token + ": " + e.getMessage());
            }
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
        if (channel == null) {
            System.setProperty(SERVICE_PROPERTY, options.name());
            return;
        }
        System.setProperty(PORT_PROPERTY, String.valueOf(port()));
        System.setProperty(PORT_FILE_PROPERTY, files.portFile().toString());
        System.setProperty(TOKEN_FILE_PROPERTY, files.tokenFile().toString());
        System.setProperty(SERVICE_PROPERTY, options.name());
    }

    private void announce() {
        ServerLog.info("listening on " + (channel == null ? "" : options.host() + ":" + port())
                + (channel != null && socket != null ? " and " : "") + (socket == null ? "" : options.socket().toString())
                + " (service " + options.name() + (options.authRequired() && channel != null ? ", token in "
                + files.tokenFile() : "") + ")");
        if (!options.authRequired()) {
            ServerLog.warn("authentication is OFF (auth=none): anyone who can reach " + options.host() + ":" + port()
                    + " can run code in this JVM");
        }
        if (!options.loopbackOnly()) {
            ServerLog.warn("listening on " + options.host() + ", not loopback: the port is reachable from other hosts,"
                    + " over TLS (clients pin the certificate the port file names)");
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
