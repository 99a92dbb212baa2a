package dev.hotline.client;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.RunDirectory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The daemon commands: start, stop, restart, status, kill, zap. Each is small; the work is in
 * {@link ServiceControl}.
 */
final class DaemonCommands {
    private DaemonCommands() {
    }

    static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    }

    static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    }

    static ServiceControl control() {
        return new ServiceControl(stdout(), stderr());
    }

    /** The default stop and term timeouts, for a service named without its config. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the service detached (new session, stdin from /dev/null, output appended to",
                    "RUNDIR/NAME.log) with the agent, and waits until it answers."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:started and answering", "1:already running, died during start-up, or not ready in time",
                    "2:bad config or usage"})
    static final class Start implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Override
        public Integer call() throws Exception {
            return control().start(service.config());
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stops the service: a shutdown request over the protocol (shutdown hooks run), then",
                    "SIGTERM after stop-timeout, then SIGKILL after term-timeout. Says which step ended it."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stopped, or was not running", "1:could not be stopped", "4:state unknown"})
    static final class Stop implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Option(names = "--snapshot", description = "Save the image first (a failed snapshot leaves the service running).")
        boolean snapshot;

        @Override
        public Integer call() throws Exception {
            Optional<ServiceConfig> config = service.optionalConfig();
            boolean save = snapshot || config.map(ServiceConfig::snapshotOnStop).orElse(false);
            return control().stop(service.run(config), config.map(ServiceConfig::stopTimeout).orElse(DEFAULT_TIMEOUT),
                    config.map(ServiceConfig::termTimeout).orElse(DEFAULT_TIMEOUT), save);
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = {"Saves the service's live changes to RUNDIR/NAME.image: each named session's declarations",
                    "and every hot-reloaded class. The next start resumes them. Written atomically.",
                    "With --heap, writes a heap dump instead; with --checkpoint, takes a CRaC checkpoint where the JVM has CRaC."})
    static final class Snapshot implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Option(names = "--heap", paramLabel = "FILE.hprof", description = "Write a heap dump of the live objects there instead.")
        java.nio.file.Path heap;

        @Option(names = "--checkpoint", description = "Take a CRaC checkpoint instead (JVMs with CRaC only).")
        boolean checkpoint;

        @Override
        public Integer call() throws Exception {
            Plist.Builder request = Plist.builder();
            if (heap != null) {
                request.put("heap", heap.toAbsolutePath().toString());
            }
            if (checkpoint) {
                request.put("checkpoint", dev.hotline.protocol.Sexp.T);
            }
            try (NativeConnection connection = NativeConnection.open(ServiceControl.targetOf(service.run()))) {
                connection.send("snapshot", request);
                Plist reply = connection.read(Duration.ofMinutes(2));
                if (reply.keywords(dev.hotline.protocol.Wire.STATUS).contains(dev.hotline.protocol.Wire.ERROR)) {
                    stderr().println("hotline: " + reply.string(dev.hotline.protocol.Wire.MESSAGE).orElse("snapshot failed"));
                    return 1;
                }
                PrintWriter out = stdout();
                out.print(reply.string("report").orElse(""));
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stops the service if it runs, then starts it.")
    static final class Restart implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Override
        public Integer call() throws Exception {
            ServiceConfig config = service.config();
            ServiceControl control = control();
            int stopped = control.stop(new RunDirectory(config.runDir(), config.name()), config.stopTimeout(),
                    config.termTimeout(), config.snapshotOnStop());
            return stopped != 0 ? stopped : control.start(config);
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true, description = "Sends SIGKILL now, then cleans up the pid and port files.")
    static final class Kill implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Override
        public Integer call() throws Exception {
            return control().kill(service.run());
        }
    }

    @Command(name = "zap", mixinStandardHelpOptions = true,
            description = "Removes the pid and port files a crashed service left; refuses while it runs.")
    static final class Zap implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Override
        public Integer call() throws Exception {
            return control().zap(service.run());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Tells whether the service runs; when it does: pid, uptime, port, Java, heap, threads, sessions.",
            exitCodeListHeading = "%nExit codes (LSB):%n",
            exitCodeList = {"0:running", "1:not running, but the pid file exists (stale)", "3:not running",
                    "4:unknown (the pid file cannot be read)"})
    static final class Status implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Option(names = "--json", description = "One JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            RunDirectory run = service.run();
            ServiceState state = ServiceState.of(run);
            Plist.Builder report = Plist.builder().put("service", run.name());
            int code;
            String text;
            if (state instanceof ServiceState.Running running) {
                code = 0;
                report.put("state", "running").put("pid", running.record().pid());
                Optional<Plist> live = ServiceControl.statusOf(run);
                live.ifPresent(p -> p.asMap().forEach((k, v) -> {
                    if (!k.equals("id") && !k.equals("status")) {
                        report.put(k, v);
                    }
                }));
                text = run.name() + " is running: pid " + running.record().pid()
                        + live.map(Status::details).orElse(" (it does not answer on its port)");
            } else if (state instanceof ServiceState.Stale stale) {
                code = 1;
                report.put("state", "stale").put("pid", stale.record().pid()).put("reason", stale.reason());
                text = run.name() + " is not running, but its pid file remains (" + stale.reason()
                        + "); hotline zap clears it";
            } else if (state instanceof ServiceState.Unknown unknown) {
                code = 4;
                report.put("state", "unknown").put("reason", unknown.reason());
                text = "cannot tell whether " + run.name() + " runs: " + unknown.reason();
            } else {
                code = 3;
                report.put("state", "not-running");
                text = run.name() + " is not running";
            }
            PrintWriter out = stdout();
            out.println(json ? Json.of(report.build()) : text);
            return code;
        }

        private static String details(Plist s) {
            return ", up " + s.integer("uptime-ms").orElse(0L) / 1000 + " s, port " + s.integer("port").orElse(0L)
                    + ", Java " + s.string("java-version").orElse("?") + ", heap " + s.integer("heap-used").orElse(0L) / (1 << 20)
                    + " MB of " + s.integer("heap-max").orElse(0L) / (1 << 20) + " MB, " + s.integer("threads").orElse(0L)
                    + " threads, sessions " + s.get("sessions").map(v -> v.print()).orElse("nil")
                    + s.string("image").filter(i -> !i.equals("none")).map(i -> "\n" + i).orElse("");
        }
    }
}
