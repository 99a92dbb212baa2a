package dev.hotline.server.compilehost;

import dev.hotline.server.support.CompileOptions;
import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The compile host's process, seen from the service: started on demand with the service's own {@code java}, as
 * its own user, with a heap of its own ({@code compile-heap}); stopped after {@code compile-idle} seconds without a
 * request when nothing would be lost ({@link #stopIfIdle}); started again when it has exited (idle, or killed);
 * stopped with the service. Its standard input is a pipe from the service, so it also ends when the
 * service is killed. Its output goes to the service's standard error, its lines prefixed
 * {@code hotline compile host:}.
 */
final class HostProcess implements AutoCloseable {
    /** How long a start may take before the host counts as unable to start. */
    private static final long START_TIMEOUT_MILLIS = 20_000;
    private static final long POLL_MILLIS = 10;

    private final Path socket;
    private final Path agentJar;
    private final CompileOptions options;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicLong lastUsed = new AtomicLong(System.nanoTime());
    private Process process;
    private boolean closed;

    /**
     * @param socket where the host listens ({@code RUNDIR/NAME.compiler})
     * @param agentJar the agent jar, which holds the host's code
     */
    HostProcess(Path socket, Path agentJar, CompileOptions options) {
        this.socket = socket;
        this.agentJar = agentJar;
        this.options = options;
    }

    /** A request to the host begins: the host is not stopped for being idle until it ends. */
    void begin() {
        inProgress.incrementAndGet();
    }

    /** A request to the host has ended. */
    void end() {
        lastUsed.set(System.nanoTime());
        inProgress.decrementAndGet();
    }

    /**
     * Stops the host when it runs and has had no request for {@code compile-idle} seconds, and {@code nothingLost}
     * says every session would be rebuilt whole in the next one; its memory goes back to the system.
     */
    synchronized void stopIfIdle(BooleanSupplier nothingLost) {
        long idleNanos = TimeUnit.SECONDS.toNanos(options.idleSeconds());
        if (process == null || !process.isAlive() || inProgress.get() > 0
                || System.nanoTime() - lastUsed.get() < idleNanos || !nothingLost.getAsBoolean()) {
            return;
        }
        ServerLog.info("compile host stopped after " + options.idleSeconds() + " s without a request (pid "
                + process.pid() + "); the next evaluation starts it again");
        stop(process);
    }

    /** The host's pid while it runs; else -1. */
    synchronized long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    /**
     * A new connection to the host, starting it first when it is not running.
     *
     * @throws IOException when the host cannot be started or reached; the message says why
     */
    synchronized HostWire connect() throws IOException {
        if (closed) {
            throw new IOException("Hotline is stopping");
        }
        if (process == null || !process.isAlive()) {
            return start();
        }
        try {
            return HostWire.connect(socket);
        } catch (IOException refused) {
            // Killed a moment ago: the JVM may not have reaped it yet, and its socket file is left behind.
            if (!exited(process)) {
                throw refused;
            }
            return start();
        }
    }

    /** Starts the host and returns the first connection to it, once it accepts one. */
    private HostWire start() throws IOException {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new IOException("its socket path " + socket + " is taken by something that cannot be removed ("
                    + e.getClass().getSimpleName() + ")");
        }
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = builder.environment();
        // Options meant for the service would load the agent (or anything else) into the host as well.
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove("JDK_JAVA_OPTIONS");
        environment.remove("_JAVA_OPTIONS");
        long started = System.nanoTime();
        Process child = builder.start();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (true) {
            if (!child.isAlive()) {
                throw new IOException("the compile host exited at start with status " + child.exitValue()
                        + " (its messages are above, on the service's standard error)");
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new IOException("the compile host did not start within " + START_TIMEOUT_MILLIS / 1000 + " s");
            }
            if (Files.exists(socket)) {
                try {
                    HostWire wire = HostWire.connect(socket);
                    process = child;
                    ServerLog.info("compile host started (pid " + child.pid() + ", " + (System.nanoTime() - started)
                            / 1_000_000 + " ms, heap up to " + options.heapMegabytes() + " MB)");
                    return wire;
                } catch (IOException notListeningYet) {
                    // the socket file is made by bind(), a moment before listen()
                }
            }
            sleep();
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean exited(Process process) {
        try {
            return process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.heapMegabytes() + "m");
        // A compiler's garbage is young and short-lived: the serial collector keeps the host small and quick to
        // give memory back; exiting on OutOfMemoryError lets the service start a fresh host instead of a broken one.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(agentJar.toString());
        command.add("dev.hotline.agent.CompileHostMain");
        command.add(socket.toString());
        return command;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the compile host started");
        }
    }

    /** Stops the host, if it runs, and forgets its socket. */
    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) {
            stop(process);
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the run directory is gone already
        }
    }
}
