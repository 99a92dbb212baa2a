package dev.hotline.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files a service named NAME keeps in its run directory, and the pid file's format: the contract between
 * the agent, which writes them, and the CLI, which reads them.
 *
 * <ul>
 *   <li>{@code NAME.pid}: the service's pid and its process start time in epoch milliseconds, one per line,
 *       and {@code attached} on a third line when Hotline was attached to a running JVM; a pid whose process
 *       started at another time is not ours (the pid was reused);</li>
 *   <li>{@code NAME.lock}: locked by the service for its whole life, so two instances can never both run;</li>
 *   <li>{@code NAME.port}, {@code NAME.token}: where it listens and the secret (mode 0600);</li>
 *   <li>{@code NAME.log}: its stdout and stderr when started by {@code hotline start};</li>
 *   <li>{@code NAME.image}: its live changes, written by {@code snapshot}, resumed by the next start;</li>
 *   <li>{@code NAME.compiler}: the private Unix socket of its compile host ({@code compile=host}), there while
 *       the host runs.</li>
 * </ul>
 */
public record RunDirectory(Path dir, String name) {
    /** The pid file's third line for a JVM that Hotline was attached to. */
    private static final String ATTACHED = "attached";

    /** Where services keep their files when no {@code dir} is given: {@code ~/.hotline/run}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".hotline", "run");
    }

    /**
     * The token file of the service whose port file is {@code portFile}: {@code NAME.token} beside
     * {@code NAME.port}.
     */
    public static Path tokenFileBeside(Path portFile) {
        return beside(portFile, ".token");
    }

    /** The observe token of the service whose port file is {@code portFile}: {@code NAME.observe.token}. */
    public static Path observeTokenFileBeside(Path portFile) {
        return beside(portFile, ".observe.token");
    }

    private static Path beside(Path portFile, String suffix) {
        return portFile.resolveSibling(portFile.getFileName().toString().replaceFirst("\\.port$", "") + suffix);
    }

    /**
     * The agent's argument string, {@code key=value} pairs joined by commas, as in
     * {@code -javaagent:hotline-agent.jar=name=orders,dir=/var/run/orders}.
     *
     * @throws IllegalArgumentException when a value holds a comma, which the agent would take for a separator
     */
    public static String agentArguments(Map<String, String> options) {
        StringBuilder text = new StringBuilder();
        options.forEach((key, value) -> {
            if (value.indexOf(',') >= 0) {
                throw new IllegalArgumentException("agent option " + key + "=" + value
                        + " holds a comma, which separates agent options: rename the path or value");
            }
            text.append(text.length() == 0 ? "" : ",").append(key).append('=').append(value);
        });
        return text.toString();
    }

    /**
     * Creates the run directory with mode 0700 if it does not exist yet: its files tell other users where the
     * service listens and hold its secret, so no one else may list it. An existing directory is left as it is.
     */
    public void create() throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // created concurrently
            }
        }
    }

    /** Whether this service has left any file here: a pid, lock, port, token, log or image file. */
    public boolean known() {
        return Stream.of(pidFile(), lockFile(), portFile(), socketFile(), tokenFile(), logFile(), imageFile())
                .anyMatch(Files::exists);
    }

    /**
     * What to say when {@link #known()} is false, so that a typo does not read as a stopped service:
     * {@code no service named nosuch in /srv/run (known: greeter, orders)}.
     */
    public String noSuchService() {
        List<String> known = new ArrayList<>();
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".pid") || f.endsWith(".port") || f.endsWith(".sock"))
                    .map(f -> f.substring(0, f.lastIndexOf('.'))).distinct().sorted().forEach(known::add);
        } catch (IOException e) {
            return "no service named " + name + " in " + dir + " (the directory cannot be read: " + e.getMessage() + ")";
        }
        return "no service named " + name + " in " + dir + (known.isEmpty() ? " (none there)" : " (known: "
                + String.join(", ", known) + ")");
    }

    public Path pidFile() {
        return dir.resolve(name + ".pid");
    }

    public Path lockFile() {
        return dir.resolve(name + ".lock");
    }

    public Path portFile() {
        return dir.resolve(name + ".port");
    }

    public Path tokenFile() {
        return dir.resolve(name + ".token");
    }

    /**
     * The observe token (mode 0640, the service's group, or {@code socket-group}'s): it lets its reader look
     * (status, threads, trace, probes) but not change anything; {@link #tokenFile()} grants everything.
     */
    public Path observeTokenFile() {
        return dir.resolve(name + ".observe.token");
    }

    /** The TLS key and self-signed certificate of a service with {@code tls=true} (PKCS #12, mode 0600). */
    public Path tlsFile() {
        return dir.resolve(name + ".tls.p12");
    }

    public Path logFile() {
        return dir.resolve(name + ".log");
    }

    public Path imageFile() {
        return dir.resolve(name + ".image");
    }

    /** The Unix-domain socket the service also listens on (mode 0600; only its own user may connect). */
    public Path socketFile() {
        return dir.resolve(name + ".sock");
    }

    /**
     * The compile host's Unix socket (mode 0600), where the service asks it to compile; not named {@code .sock},
     * which clients take for the service's own socket.
     */
    public Path compilerSocketFile() {
        return dir.resolve(name + ".compiler");
    }

    /** The audit log, one JSON object per line; older ones are {@code NAME.audit.jsonl.1} to {@code .4}. */
    public Path auditFile() {
        return dir.resolve(name + ".audit.jsonl");
    }

    /**
     * What a pid file records: the process, when it started, and whether Hotline was attached to it
     * ({@code hotline attach}) rather than launched with it; an attached JVM is a service like any other, except
     * that Hotline can also leave it ({@code hotline detach}).
     */
    public record PidRecord(long pid, long startMillis, boolean attached) {
        /** The pid file's content for this record. */
        public String format() {
            return pid + "\n" + startMillis + "\n" + (attached ? ATTACHED + "\n" : "");
        }

        /** The record of the current process. */
        public static PidRecord current(boolean attached) {
            ProcessHandle self = ProcessHandle.current();
            return new PidRecord(self.pid(), startTimeOf(self).orElse(0L), attached);
        }

        /**
         * The live process this record names, if it is still the same process: alive, and started at the
         * recorded time (a reused pid belongs to someone else).
         */
        public Optional<ProcessHandle> liveProcess() {
            return ProcessHandle.of(pid).filter(RunDirectory::isRunning)
                    .filter(p -> startTimeOf(p).map(start -> start == startMillis).orElse(false));
        }
    }

    /**
     * Whether {@code process} still runs: alive, and not a zombie. A process killed with {@code kill -9} stays in
     * the process table, {@link ProcessHandle#isAlive() alive} to the JDK, until its parent reaps it, which in a
     * container whose PID 1 reaps late can be never; it is a dead service all the same (state {@code Z} or
     * {@code X} in {@code /proc/PID/stat}; where there is no {@code /proc}, alive means running).
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            int end = stat.lastIndexOf(')'); // the command name, in parentheses, may itself hold spaces and ')'
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    /** Reads the pid file; empty when there is none. */
    public Optional<PidRecord> readPid() throws IOException {
        String text;
        try {
            text = Files.readString(pidFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String[] lines = text.strip().split("\\s+");
        try {
            return Optional.of(new PidRecord(Long.parseLong(lines[0]), lines.length > 1 ? Long.parseLong(lines[1]) : 0,
                    lines.length > 2 && lines[2].equals(ATTACHED)));
        } catch (NumberFormatException e) {
            throw new IOException(pidFile() + " is not a pid file (expected a pid and a start time): " + text.strip());
        }
    }

    private static Optional<Long> startTimeOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
