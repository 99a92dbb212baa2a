package dev.hotline.server.service;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeStatus;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.guard.ExitGuardInstaller;
import dev.hotline.server.image.Snapshots;
import dev.hotline.server.reload.DirectoryWatcher;
import dev.hotline.server.reload.Redefinitions;
import dev.hotline.server.reload.Reloader;
import dev.hotline.server.support.AuditLog;
import dev.hotline.server.support.ServerLog;
import dev.hotline.server.support.ServerOptions;
import dev.hotline.server.probe.LineProbe;
import dev.hotline.server.probe.LineProbes;
import dev.hotline.server.profile.Profiler;
import dev.hotline.server.trace.Trace;
import dev.hotline.server.trace.Tracer;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running service as every dialect and command sees it: its options, sessions, reloader, images, tracer,
 * probes and profiler, the
 * connections open to it, and what can be done to it as a whole (status, watch, shut down). Built once by the
 * server's start, from parts built there, and handed to each connection's handlers.
 */
public final class Service {
    private final ServerOptions options;
    private final SessionRegistry sessions;
    private final Reloader reloader;
    private final Snapshots snapshots;
    private final Tracer tracer;
    private final LineProbes probes;
    private final Profiler profiler;
    private final AuditLog audit;
    private final Runnable detach;
    private final AtomicInteger connections = new AtomicInteger();
    private final ChannelGroup listeners = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<Path, DirectoryWatcher> watchers = new ConcurrentHashMap<>();
    private volatile int port;

    /** @param detach stops Hotline in this JVM and leaves the application running (the agent entry's to do) */
    public Service(ServerOptions options, SessionRegistry sessions, Reloader reloader, Snapshots snapshots,
            Tracer tracer, LineProbes probes, Profiler profiler, Runnable detach) {
        this.options = options;
        this.sessions = sessions;
        this.reloader = reloader;
        this.snapshots = snapshots;
        this.tracer = tracer;
        this.probes = probes;
        this.profiler = profiler;
        this.audit = new AuditLog(options.runDirectory().auditFile(), options.audit(), options.auditMaxBytes());
        this.detach = detach;
    }

    public ServerOptions options() {
        return options;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** Hot reload of classes, and the record of what was redefined. */
    public Reloader reloader() {
        return reloader;
    }

    /** Snapshot and resume of the service's image. */
    public Snapshots snapshots() {
        return snapshots;
    }

    /** Who ran what: {@code NAME.audit.jsonl}. */
    public AuditLog audit() {
        return audit;
    }

    /** Method tracing. */
    public Tracer tracer() {
        return tracer;
    }

    /** Probes at source lines and catches: logpoints, captures of the locals, first exceptions. */
    public LineProbes probes() {
        return probes;
    }

    /** Every probe of every kind (traces, monitors, line probes, catches), whoever set it, by number. */
    public CompletableFuture<List<ProbeStatus>> probeStatuses() {
        return tracer.statuses().thenCombine(probes.statuses(), (traces, lines) -> {
            List<ProbeStatus> all = new ArrayList<>(traces);
            all.addAll(lines);
            all.sort(Comparator.comparingInt((ProbeStatus p) -> p.number() == 0 ? Integer.MAX_VALUE : p.number()));
            return all;
        });
    }

    /**
     * Ends probes of any kind: the one numbered {@code number}, whoever set it, or, when it is empty, every probe
     * {@code owner} set. Completes with the numbers of those ended.
     */
    public CompletableFuture<List<Integer>> endProbes(Object owner, Optional<Integer> number) {
        return tracer.end(owner, number).thenCombine(probes.end(owner, number), (traces, lines) -> {
            List<Integer> ended = new ArrayList<>(traces.stream().map(Trace::number).toList());
            ended.addAll(lines.stream().map(LineProbe::number).toList());
            return ended;
        });
    }

    /** JFR recordings of where the threads spend their time. */
    public Profiler profiler() {
        return profiler;
    }

    /** Connections open now; the pipeline counts them. */
    public AtomicInteger connections() {
        return connections;
    }

    /** The port the server listens on, once bound. */
    public void port(int boundPort) {
        this.port = boundPort;
    }

    /** Adds a native connection to those that hear events (it leaves by itself when it closes). */
    public void addListener(Channel channel) {
        listeners.add(channel);
    }

    /**
     * Watches a directory of class files (once per directory); each reloaded batch is logged and sent to every
     * native connection as {@code (:event "reload" :report TEXT :failed t|nil)}.
     */
    public void watch(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        if (watchers.containsKey(key)) {
            return;
        }
        watchers.put(key, new DirectoryWatcher(key, reloader, report -> {
            ServerLog.info("watch " + key + ": " + report.toText().strip().replace("\n", "; "));
            listeners.writeAndFlush(Plist.builder().put("event", "reload").put("report", report.toText())
                    .put("failed", Sexp.bool(report.failed())).build().toSexp());
        }));
        ServerLog.info("watching " + key + " for changed class files");
    }

    /**
     * Shuts the service down as {@code System.exit(0)} would (shutdown hooks run), on a thread of its own so
     * the caller can finish answering first.
     */
    public void shutdown() {
        ServerLog.info("shutting down on request");
        new Thread(() -> {
            ExitGuardInstaller.unmarkCurrentThread(); // asked for by a client, not a snippet
            System.exit(0);
        }, "hotline-shutdown-request").start();
    }

    /**
     * Stops Hotline in this JVM, leaving the application running, on a thread of its own: the caller (a
     * connection's I/O thread, after answering) must not wait for the server it runs on to close.
     */
    public void detach() {
        ServerLog.info("detaching on request");
        new Thread(detach, "hotline-detach-request").start();
    }

    public ServiceStatus status() {
        return ServiceStatus.capture(options.name(), port,
                sessions.all().stream().map(Session::name).sorted().toList(), connections.get(),
                (int) Math.min(Integer.MAX_VALUE, reloader.log().count()), snapshots.resumeSummary(),
                Redefinitions.waiting().stream().map(w -> w.className() + " (loader: "
                        + (w.loader() == null ? "any" : w.loader()) + ")").sorted().toList(), sessions.compiling());
    }
}
