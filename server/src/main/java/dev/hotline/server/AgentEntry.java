package dev.hotline.server;

import dev.hotline.server.daemon.ServiceLock;
import dev.hotline.server.daemon.SystemdNotifier;
import dev.hotline.server.image.Snapshots;
import dev.hotline.server.support.ServerOptions;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.Map;

/**
 * The one entry point the agent calls across its class-loader boundary, reflectively, on its own daemon
 * thread. Only JDK types cross: the options map and the {@link Instrumentation}.
 */
public final class AgentEntry {
    private static HotlineServer running;
    private static Thread closeAtExit;
    /** What {@link #beforeMain} found in the image, for {@link #start} to replay. */
    private static Snapshots.Resume resume = Snapshots.Resume.NONE;

    private AgentEntry() {
    }

    /**
     * What must happen before the application's {@code main}, synchronously: with {@code daemon=true}, take the
     * service's lock and write its pid file; with {@code image=FILE}, register the image's classes to be
     * redefined as they load.
     *
     * @return null, or why this JVM must not run as the service
     */
    public static synchronized String beforeMain(Map<String, String> options, Instrumentation instrumentation) {
        ServerOptions parsed = ServerOptions.from(options);
        if (parsed.daemon()) {
            String refusal = ServiceLock.acquire(parsed, false);
            if (refusal != null) {
                return refusal;
            }
        }
        if (parsed.image() != null) {
            resume = Snapshots.preload(parsed.image(), instrumentation);
        }
        return null;
    }

    /**
     * Starts the server once per JVM.
     *
     * @param options the agent's {@code key=value} options, already split
     * @return a one-line report: where the server listens, or that it was already listening there
     * @throws IllegalArgumentException for bad options
     * @throws java.io.IOException when the port or the run files cannot be set up
     */
    public static synchronized String start(Map<String, String> options, Instrumentation instrumentation)
            throws Exception {
        if (running != null) {
            return "already listening on port " + running.port();
        }
        keepNettyOffUnsafe();
        ServerOptions parsed = ServerOptions.from(options);
        boolean becomesTheService = parsed.attached() && !parsed.daemon(); // a daemon took its lock before main
        if (becomesTheService) {
            String refusal = ServiceLock.acquire(parsed, true);
            if (refusal != null) {
                throw new IllegalStateException(refusal + "; attach with another --name");
            }
        }
        HotlineServer server;
        try {
            server = HotlineServer.start(parsed, instrumentation, resume, AgentEntry::detach);
        } catch (IOException | RuntimeException e) {
            if (becomesTheService) {
                ServiceLock.release(); // an attached JVM without a server must not pass for the service
            }
            throw e;
        }
        running = server;
        closeAtExit = new Thread(server::close, "hotline-shutdown");
        Runtime.getRuntime().addShutdownHook(closeAtExit);
        server.service().snapshots().replayDeclarations();
        SystemdNotifier.readyAndStoppingOnExit("Hotline listening on port " + server.port());
        return "listening on port " + server.port();
    }

    /**
     * Stops Hotline in this JVM and leaves the application running, as if it had never been attached: the
     * server stops listening, its sessions end, its files go (port, token, pid file) and the service lock is
     * released, so a later {@code hotline attach} starts afresh. Classes it redefined keep their new code.
     */
    public static synchronized void detach() {
        if (running == null) {
            return;
        }
        Runtime.getRuntime().removeShutdownHook(closeAtExit);
        running.detach();
        ServiceLock.release();
        running = null;
        resume = Snapshots.Resume.NONE;
    }

    /**
     * Hotline's relocated Netty reads its settings under the relocated prefix, so this touches neither the
     * application's Netty nor any other library. Without {@code sun.misc.Unsafe}, Netty uses plain NIO
     * buffers, which is plenty for a REPL port, and JDK 24+ prints no Unsafe deprecation warning into the
     * service's log on our behalf.
     */
    private static void keepNettyOffUnsafe() {
        String key = "dev.hotline.shaded.io.netty.noUnsafe";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "true");
        }
    }
}
