package dev.hotline.client.service;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.PortFile;
import dev.hotline.protocol.RunDirectory;
import dev.hotline.protocol.Sexp;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts, stops and kills a service, the way an init script does, using only the JDK: ProcessHandle for
 * liveness and signals (SIGTERM is {@code destroy}, SIGKILL {@code destroyForcibly}), files in the run
 * directory for state. Commands print through it and return its exit codes.
 */
public final class ServiceControl {
    private static final int LOG_TAIL_LINES = 20;
    private static final long EXIT_POLL_MILLIS = 20;
    private static final Duration REAP_GRACE = Duration.ofSeconds(2);

    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * The exit status of a service JVM that found the service's lock taken (EX_TEMPFAIL, the agent's): a start
     * that raced another one to the lock and lost.
     */
    private static final int SERVICE_ALREADY_RUNNING = 75;

    /** The stop and term timeouts of a service named without its config. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    ServiceControl(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** One that reports on the process's standard output and error. */
    public static ServiceControl onConsole() {
        return new ServiceControl(Console.stdout(), Console.stderr());
    }

    /**
     * Launches the service detached and waits until it answers; 0 when it does, or when it was already running
     * (as an LSB init script's start does: the service is up either way, and a second instance never starts);
     * 1 otherwise.
     */
    public int start(ServiceConfig config) throws CliException, IOException, InterruptedException {
        RunDirectory run = config.run();
        ServiceState state = ServiceState.of(run);
        if (state instanceof ServiceState.Running running) {
            return alreadyRunning(config, running.record().pid());
        }
        if (state instanceof ServiceState.Stale stale) {
            out.println("removing the stale pid file of " + config.name() + " (" + stale.reason() + ")");
            Files.deleteIfExists(run.pidFile());
        }
        config.run().create();
        long logStart = Files.exists(run.logFile()) ? Files.size(run.logFile()) : 0;
        long launched = System.currentTimeMillis();
        ProcessBuilder builder = new ProcessBuilder(ServiceCommandLine.detached(config, AgentJar.locate()))
                .directory(config.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.logFile().toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(config.env());
        Process process = builder.start();
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() && process.exitValue() == SERVICE_ALREADY_RUNNING) {
                return alreadyRunning(config, run.readPid().map(RunDirectory.PidRecord::pid).orElse(-1L));
            }
            if (!process.isAlive()) {
                removeIfOurs(run, process.pid());
                err.println("hotline: " + config.name() + " exited during start-up with status " + process.exitValue()
                        + "; the end of " + run.logFile() + ":");
                err.print(logTail(run.logFile(), logStart));
                err.flush();
                return ExitCodes.FAILED;
            }
            if (isOurs(run, process.pid()) && answers(run, launched)) {
                out.println("started " + config.name() + ": pid " + process.pid() + ", port " + readPort(run)
                        + ", ready in " + (System.currentTimeMillis() - launched) + " ms");
                return ExitCodes.OK;
            }
            Thread.sleep(50);
        }
        err.println("hotline: " + config.name() + " (pid " + process.pid() + ") did not answer within "
                + config.startTimeout().toSeconds() + " s; it is still running. The end of " + run.logFile() + ":");
        err.print(logTail(run.logFile(), logStart));
        err.flush();
        return ExitCodes.FAILED;
    }

    /**
     * Asks the service to shut down over the protocol, then sends SIGTERM, then SIGKILL, each after its timeout;
     * says which step ended it. A stale pid file is never acted on.
     */
    public int stop(RunDirectory run, Duration stopTimeout, Duration termTimeout, boolean snapshot) throws InterruptedException {
        ServiceState state = ServiceState.of(run);
        if (!(state instanceof ServiceState.Running running)) {
            return notRunning(run, state);
        }
        ProcessHandle process = running.process();
        long t0 = System.nanoTime();
        String step;
        Optional<Plist> answer = requestShutdown(run, snapshot);
        if (snapshot && answer.map(a -> !a.has("image")).orElse(true)) {
            err.println("hotline: " + run.name() + " was not stopped: "
                    + answer.flatMap(a -> a.string("message")).orElse("it does not answer on its port, so no snapshot was taken"));
            return ExitCodes.FAILED;
        }
        answer.flatMap(a -> a.string("report")).ifPresent(out::print);
        if (answer.isPresent() && exited(process, stopTimeout)) {
            step = "the shutdown request";
        } else if (process.destroy() && exited(process, termTimeout)) {
            step = "SIGTERM, after " + stopTimeout.toSeconds() + " s without exiting on the shutdown request";
        } else if (process.destroyForcibly() && exited(process, Duration.ofSeconds(10))) {
            step = "SIGKILL, after " + termTimeout.toSeconds() + " s without exiting on SIGTERM";
        } else {
            err.println("hotline: " + run.name() + " (pid " + process.pid() + ") survived SIGKILL");
            return ExitCodes.FAILED;
        }
        removeIfOurs(run, process.pid());
        out.println("stopped " + run.name() + " (pid " + process.pid() + ") by " + step + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        return ExitCodes.OK;
    }

    /**
     * Stops a service on another host, reached through a bridge: the shutdown request is all that crosses it (no
     * signals), so the service has {@code stopTimeout} to exit, which its closing the connection shows. When it
     * does not, {@code hotline stop} on its host escalates to signals.
     */
    public int stopThrough(Target target, Duration stopTimeout, boolean snapshot) throws IOException, CliException {
        long t0 = System.nanoTime();
        try (NativeConnection connection = NativeConnection.open(target)) {
            Plist status = connection.call("status", Plist.builder(), Duration.ofSeconds(30)).last();
            String service = status.string("service").orElse("the service") + " (pid " + status.integer("pid").orElse(0L) + ")";
            Answer answer = connection.call("shutdown", snapshot ? Plist.builder().put("snapshot", Sexp.T) : Plist.builder(),
                    Duration.ofSeconds(snapshot ? 120 : 30));
            if (answer.failed()) {
                err.println("hotline: " + service + " was not stopped: " + answer.message().orElse("it refused"));
                return ExitCodes.FAILED;
            }
            answer.last().string("report").ifPresent(out::print);
            try {
                connection.read(stopTimeout);
            } catch (SocketTimeoutException e) {
                err.println("hotline: " + service + " answered the shutdown request but had not exited after "
                        + stopTimeout.toSeconds() + " s; hotline stop on its host signals it (SIGTERM, then SIGKILL)");
                return ExitCodes.FAILED;
            } catch (CliException closed) {
                out.println("stopped " + service + " by the shutdown request, through " + target.address() + ", in "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
                return ExitCodes.OK;
            }
            err.println("hotline: " + service + " sent more after its shutdown answer; it may still run: hotline status");
            return ExitCodes.FAILED;
        }
    }

    /** SIGKILL now, then the same clean-up as stop. */
    public int kill(RunDirectory run) throws InterruptedException {
        ServiceState state = ServiceState.of(run);
        if (!(state instanceof ServiceState.Running running)) {
            return notRunning(run, state);
        }
        running.process().destroyForcibly();
        if (!exited(running.process(), Duration.ofSeconds(10))) {
            err.println("hotline: " + run.name() + " (pid " + running.record().pid() + ") survived SIGKILL");
            return ExitCodes.FAILED;
        }
        removeIfOurs(run, running.record().pid());
        out.println("killed " + run.name() + " (pid " + running.record().pid() + ")");
        return ExitCodes.OK;
    }

    /** Removes what a crashed service left (pid and port files, its socket); refuses while it runs. */
    public int zap(RunDirectory run) throws IOException {
        ServiceState state = ServiceState.of(run);
        if (state instanceof ServiceState.Running running) {
            err.println("hotline: " + run.name() + " is running (pid " + running.record().pid()
                    + "); stop it first, zap only clears what a dead service left");
            return ExitCodes.FAILED;
        }
        boolean any = false;
        for (Path file : List.of(run.pidFile(), run.portFile(), run.socketFile())) {
            if (Files.deleteIfExists(file)) {
                out.println("removed " + file);
                any = true;
            }
        }
        if (!any) {
            out.println(run.name() + ": nothing to clear");
        }
        return ExitCodes.OK;
    }

    private int notRunning(RunDirectory run, ServiceState state) {
        if (state instanceof ServiceState.Stale stale) {
            out.println(run.name() + " is not running; its pid file is stale (" + stale.reason()
                    + "), so nothing was signalled. hotline zap clears it.");
        } else if (state instanceof ServiceState.Unknown unknown) {
            err.println("hotline: cannot tell whether " + run.name() + " runs: " + unknown.reason());
            return ExitCodes.UNKNOWN;
        } else {
            out.println(run.known() ? run.name() + " is not running" : run.noSuchService());
        }
        return ExitCodes.OK;
    }

    /**
     * Sends the shutdown request; the answer when one came (an exiting service may close first: then an empty
     * plist), nothing when the request could not be sent.
     */
    private static Optional<Plist> requestShutdown(RunDirectory run, boolean snapshot) {
        try (NativeConnection connection = NativeConnection.open(Target.of(run))) {
            connection.send("shutdown", snapshot ? Plist.builder().put("snapshot", Sexp.T) : Plist.builder());
            try {
                return Optional.of(connection.read(Duration.ofSeconds(snapshot ? 120 : 5)));
            } catch (CliException | IOException e) {
                return Optional.of(Plist.builder().build());
            }
        } catch (CliException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits up to {@code timeout} for {@code process} to end. A zombie has ended (see {@link RunDirectory#isRunning});
     * it is given {@code REAP_GRACE} to be reaped (an init that polls, as this project's containers' does, reaps
     * within about a second), so that nothing is left behind in the common case, but a parent that never reaps
     * cannot hold the command up.
     */
    private static boolean exited(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (RunDirectory.isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(EXIT_POLL_MILLIS);
        }
        long reaped = System.nanoTime() + REAP_GRACE.toNanos();
        while (process.isAlive() && System.nanoTime() < reaped) {
            Thread.sleep(EXIT_POLL_MILLIS);
        }
        return true;
    }

    private int alreadyRunning(ServiceConfig config, long pid) {
        out.println(config.name() + " is already running (pid " + pid + ")");
        return ExitCodes.OK;
    }

    /** True when the pid file names {@code pid}. */
    private static boolean isOurs(RunDirectory run, long pid) {
        try {
            return run.readPid().map(r -> r.pid() == pid).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes the pid and port files and the socket if the pid file still names {@code pid}: a newer instance keeps
     * its own.
     */
    private static void removeIfOurs(RunDirectory run, long pid) {
        if (isOurs(run, pid)) {
            try {
                Files.deleteIfExists(run.pidFile());
                Files.deleteIfExists(run.portFile());
                Files.deleteIfExists(run.socketFile());
            } catch (IOException e) {
                // left for zap
            }
        }
    }

    /** True when a port file written since {@code since} leads to a server that answers {@code status}. */
    private static boolean answers(RunDirectory run, long since) {
        try {
            if (!Files.exists(run.portFile()) || Files.getLastModifiedTime(run.portFile()).toMillis() < since - 1000) {
                return false;
            }
            try (NativeConnection connection = NativeConnection.open(Target.of(run))) {
                connection.send("status", Plist.builder());
                return connection.read(Duration.ofSeconds(5)).has("pid");
            }
        } catch (CliException | IOException e) {
            return false;
        }
    }

    private static String readPort(RunDirectory run) {
        try {
            return String.valueOf(PortFile.read(run.portFile()).port());
        } catch (IOException e) {
            return "?";
        }
    }

    /** The last lines the service wrote to its log since {@code from}. */
    static String logTail(Path log, long from) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, file.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return tail.isEmpty() ? "  (nothing was logged)\n" : "  " + String.join("\n  ", tail) + "\n";
        } catch (IOException e) {
            return "  (cannot read " + log + ": " + e.getMessage() + ")\n";
        }
    }

    /** The service's own status report, when it answers. */
    public static Optional<Plist> statusOf(RunDirectory run) {
        try (NativeConnection connection = NativeConnection.open(Target.of(run))) {
            connection.send("status", Plist.builder());
            return Optional.of(connection.read(Duration.ofSeconds(5)));
        } catch (CliException | IOException e) {
            return Optional.empty();
        }
    }
}
