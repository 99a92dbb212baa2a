package dev.hotline.server.support;

import dev.hotline.protocol.Frames;
import dev.hotline.protocol.RunDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's options, typed and checked. They arrive as {@code key=value} pairs from
 * {@code -javaagent:hotline-agent.jar=name=NAME,dir=RUNDIR,port=PORT,host=HOST,auth=token|none}; every key
 * is optional.
 *
 * @param name service name: prefix of the files in {@code dir} (default {@code jvm-PID})
 * @param dir run directory holding {@code NAME.port} and {@code NAME.token} (default {@code ~/.hotline/run})
 * @param port TCP port, 0 for any free one (default 0; the chosen one is written to {@code NAME.port})
 * @param host address to bind (default {@code 127.0.0.1}; anything else is logged as a warning)
 * @param authRequired whether clients must present the token (default true; {@code auth=none} warns)
 * @param maxFrameBytes largest frame or line accepted (default 1 MiB)
 * @param authTimeoutSeconds how long a connection may stay unauthenticated (default 10)
 * @param image the image to resume from ({@code image=FILE}), or null
 * @param watch a directory of class files to watch and reload from ({@code watch=DIR}), or null
 * @param daemon this JVM is the service NAME: it holds {@code NAME.lock} and writes {@code NAME.pid}
 *        ({@code daemon=true}, set by {@code hotline start} and {@code hotline run})
 * @param recycleAfter snippets a session's JShell evaluates before the session moves to a fresh one with the
 *        same declarations and variable values ({@code recycle-after=N}, default 1000, 0 for never)
 * @param swankVersion the Swank protocol version told to SLIME, which must equal its
 *        {@code slime-protocol-version} or SLIME asks whether to go on ({@code swank-version=V}, default
 *        {@value #DEFAULT_SWANK_VERSION}, the SLIME of Debian 12)
 * @param warmUp compile a first snippet in session {@code main} as soon as the server is up, so the first
 *        evaluation does not pay for starting javac ({@code warm-up=true|false}; the agent turns it on when
 *        attached to a running JVM, where an evaluation is about to come; at launch it would add javac's
 *        memory to a service that may never be evaluated in)
 * @param maxOutputBytes output one request may produce before the rest is dropped with a note
 *        ({@code max-output=BYTES}, default 16 MiB)
 * @param maxValueChars longest value sent back before it is cut with a note ({@code max-value=CHARS}, default 1 MiB)
 * @param evalTimeoutSeconds a request still evaluating after this long is interrupted ({@code eval-timeout=SECONDS},
 *        default 0: never; clients can also set their own, like {@code hotline eval --timeout})
 * @param maxConnections connections open at once; more are refused ({@code max-connections=N}, default 128)
 * @param idleTimeoutSeconds a connection with no traffic either way for this long is closed
 *        ({@code idle-timeout=SECONDS}, default 0: never)
 * @param stopThreads stop an evaluation that JShell cannot stop (a loop in application code on JDK 20+) with
 *        JVMTI before abandoning it ({@code stop-threads=true|false}, default true)
 * @param exitGuard refuse {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} from evaluated code
 *        and the threads it starts ({@code exit-guard=true|false}, default true)
 * @param swankQuitShutsDown whether SLIME's {@code quit-lisp} stops the service ({@code swank-quit=shutdown}); by
 *        default ({@code swank-quit=disconnect}) it only closes the connection
 * @param audit what the audit log keeps of each request that runs or changes code ({@code audit=full}, the
 *        default: the code and its SHA-256; {@code audit=hash}: only the hash; {@code audit=off}: no log)
 * @param auditMaxBytes the audit log's size at which it is rotated ({@code audit-max=BYTES}, default 10 MB)
 * @param socket the Unix-domain socket to listen on as well ({@code socket=PATH}, default {@code RUNDIR/NAME.sock};
 *        {@code socket=none}: none), or null
 * @param tcp whether to listen on the TCP port ({@code tcp=true|false}, default true; false needs the socket)
 * @param tls whether the TCP port speaks TLS, with a self-signed certificate whose fingerprint the port file carries
 *        ({@code tls=true|false}, default false); a {@code host} that is not a loopback address needs it
 * @param socketGroup a group whose members may connect to the Unix socket with the observe role, and read
 *        {@code NAME.observe.token} ({@code socket-group=GROUP}), or null: only the service's user
 * @param attached the agent was attached to this running JVM ({@code attached=true}, set by the agent itself):
 *        the JVM becomes the service NAME (lock, pid file marked attached) when the server starts, and
 *        {@code detach} can give it up again
 * @param compile where javac runs: in the service, or in a compile host beside it ({@code compile=inprocess|host},
 *        {@code compile-idle=SECONDS}, {@code compile-heap=MB})
 * @param probes what probes may cost ({@code probe-budget=PERCENT}, {@code probe-rate=LINES},
 *     {@code probe-bytes=KB}, {@code probe-capture=KB})
 */
public record ServerOptions(String name, Path dir, int port, String host, boolean authRequired, int maxFrameBytes,
        int authTimeoutSeconds, boolean daemon, Path watch, Path image, int recycleAfter, boolean warmUp,
        long maxOutputBytes, int maxValueChars, int evalTimeoutSeconds, int maxConnections, int idleTimeoutSeconds,
        boolean stopThreads, boolean exitGuard, String swankVersion, boolean swankQuitShutsDown, AuditLog.Mode audit,
        long auditMaxBytes, Path socket, boolean tcp, boolean tls, String socketGroup, boolean attached, CompileOptions compile,
        ProbeLimits probes) {

    /** The SLIME version Hotline is tested with. */
    public static final String DEFAULT_SWANK_VERSION = "2.27";

    /** Every key the agent accepts; anything else is refused so a typo is not silently ignored. */
    public static final Set<String> KEYS = Set.of("name", "dir", "port", "host", "auth", "max-frame", "auth-timeout",
            "daemon", "watch", "image", "recycle-after", "warm-up", "max-output", "max-value", "eval-timeout", "max-connections", "idle-timeout", "stop-threads", "exit-guard", "swank-version", "swank-quit", "audit", "audit-max", "socket", "tcp", "tls", "socket-group", "attached",
            "compile", "compile-idle", "compile-heap", "probe-budget", "probe-rate",
            "probe-bytes", "probe-capture");

    /**
     * Builds options from parsed {@code key=value} pairs.
     *
     * @throws IllegalArgumentException naming the key and the problem
     */
    public static ServerOptions from(Map<String, String> raw) {
        Map<String, String> values = new LinkedHashMap<>(raw);
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'; known options: "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        String name = values.getOrDefault("name", "jvm-" + ProcessHandle.current().pid());
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("option name='" + name + "': use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Path dir = (values.containsKey("dir") ? Path.of(values.get("dir")) : RunDirectory.defaultDir()).toAbsolutePath();
        int port = intValue(values, "port", 0, 0, 65535);
        String host = values.getOrDefault("host", "127.0.0.1");
        String auth = values.getOrDefault("auth", "token");
        if (!auth.equals("token") && !auth.equals("none")) {
            throw new IllegalArgumentException("option auth='" + auth + "': use auth=token or auth=none");
        }
        int maxFrame = intValue(values, "max-frame", Frames.DEFAULT_MAX_PAYLOAD, 1024, Frames.MAX_ENCODABLE);
        int authTimeout = intValue(values, "auth-timeout", 10, 1, 3600);
        boolean daemon = booleanValue(values, "daemon", false);
        Path watch = values.containsKey("watch") ? Path.of(values.get("watch")).toAbsolutePath() : null;
        Path image = values.containsKey("image") ? Path.of(values.get("image")).toAbsolutePath() : null;
        int recycleAfter = intValue(values, "recycle-after", 1000, 0, Integer.MAX_VALUE);
        boolean warmUp = booleanValue(values, "warm-up", false);
        int maxOutput = intValue(values, "max-output", 16 << 20, 1024, Integer.MAX_VALUE);
        int maxValue = intValue(values, "max-value", 1 << 20, 80, Frames.MAX_ENCODABLE / 4);
        int evalTimeout = intValue(values, "eval-timeout", 0, 0, Integer.MAX_VALUE);
        int maxConnections = intValue(values, "max-connections", 128, 1, 100_000);
        int idleTimeout = intValue(values, "idle-timeout", 0, 0, Integer.MAX_VALUE);
        boolean stopThreads = booleanValue(values, "stop-threads", true);
        boolean exitGuard = booleanValue(values, "exit-guard", true);
        String swankVersion = values.getOrDefault("swank-version", DEFAULT_SWANK_VERSION);
        String swankQuit = values.getOrDefault("swank-quit", "disconnect");
        if (!swankQuit.equals("disconnect") && !swankQuit.equals("shutdown")) {
            throw new IllegalArgumentException("option swank-quit='" + swankQuit
                    + "': use swank-quit=disconnect or swank-quit=shutdown");
        }
        String audit = values.getOrDefault("audit", "full");
        if (!audit.equals("full") && !audit.equals("hash") && !audit.equals("off")) {
            throw new IllegalArgumentException("option audit='" + audit + "': use audit=full, audit=hash or audit=off");
        }
        int auditMax = intValue(values, "audit-max", 10 << 20, 4096, Integer.MAX_VALUE);
        String socketValue = values.getOrDefault("socket", "");
        Path socket = socketValue.equals("none") ? null
                : socketValue.isEmpty() ? new RunDirectory(dir, name).socketFile() : Path.of(socketValue).toAbsolutePath();
        boolean tcp = booleanValue(values, "tcp", true);
        if (!tcp && socket == null) {
            throw new IllegalArgumentException("option tcp=false with socket=none: the service would not listen at all");
        }
        boolean tls = booleanValue(values, "tls", false);
        if (tcp && !tls && !isLoopback(host)) {
            throw new IllegalArgumentException("option host=" + host + " is not a loopback address: tokens and code"
                    + " would cross the network in clear; add tls=true (clients pin the certificate the port file"
                    + " names), or keep host=127.0.0.1 and reach the service through hotline bridge over ssh");
        }
        String socketGroup = values.get("socket-group");
        if (socketGroup != null && socket == null) {
            throw new IllegalArgumentException("option socket-group=" + socketGroup + " with socket=none: the group"
                    + " would have no socket to connect to");
        }
        return new ServerOptions(name, dir, port, host, auth.equals("token"), maxFrame, authTimeout,
                daemon, watch, image, recycleAfter, warmUp, maxOutput, maxValue, evalTimeout, maxConnections,
                idleTimeout, stopThreads, exitGuard, swankVersion,
                swankQuit.equals("shutdown"), AuditLog.Mode.valueOf(audit.toUpperCase(Locale.ROOT)), auditMax,
                socket, tcp, tls, socketGroup, booleanValue(values, "attached", false), compileOptions(values),
                probeLimits(values));
    }

    private static ProbeLimits probeLimits(Map<String, String> values) {
        String budget = values.getOrDefault("probe-budget", String.valueOf(ProbeLimits.DEFAULT_BUDGET_PERCENT));
        double percent;
        try {
            percent = Double.parseDouble(budget);
        } catch (NumberFormatException e) {
            percent = -1;
        }
        if (!(percent >= 0.01 && percent <= 100)) {
            throw new IllegalArgumentException("option probe-budget='" + budget + "': give the share of one core"
                    + " probes may use, in percent, from 0.01 to 100 (default " + ProbeLimits.DEFAULT_BUDGET_PERCENT
                    + ")");
        }
        return new ProbeLimits(percent, intValue(values, "probe-rate", ProbeLimits.DEFAULT_LINES_PER_SECOND, 1,
                1_000_000), intValue(values, "probe-bytes", ProbeLimits.DEFAULT_KILOBYTES_PER_SECOND, 1, 1_000_000),
                intValue(values, "probe-capture", ProbeLimits.DEFAULT_CAPTURE_KILOBYTES, 1, 1_000_000));
    }

    private static CompileOptions compileOptions(Map<String, String> values) {
        String mode = values.getOrDefault("compile", CompileOptions.DEFAULT_MODE);
        if (!mode.equals("inprocess") && !mode.equals("host")) {
            throw new IllegalArgumentException("option compile='" + mode + "': use compile=inprocess (javac in the"
                    + " service) or compile=host (javac in a compile host JVM beside it)");
        }
        return new CompileOptions(mode.equals("host"),
                intValue(values, "compile-idle", CompileOptions.DEFAULT_IDLE_SECONDS, 0, Integer.MAX_VALUE),
                intValue(values, "compile-heap", CompileOptions.DEFAULT_HEAP_MEGABYTES, 32, 1 << 20));
    }

    /** Whether {@code host} names this machine's loopback interface only (127.0.0.0/8, ::1, localhost). */
    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("option host=" + host + ": no such address (" + e.getMessage() + ")");
        }
    }

    private static boolean booleanValue(Map<String, String> values, String key, boolean fallback) {
        String text = values.getOrDefault(key, String.valueOf(fallback));
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("option " + key + "='" + text + "': use " + key + "=true or " + key + "=false");
        }
        return text.equals("true");
    }

    private static int intValue(Map<String, String> values, String key, int fallback, int min, int max) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new IllegalArgumentException("option " + key + "=" + text + ": must be from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + text + ": not a whole number");
        }
    }

    /** The service's files: {@code NAME.port}, {@code NAME.token} and the rest, in {@link #dir}. */
    public RunDirectory runDirectory() {
        return new RunDirectory(dir, name);
    }

    /**
     * The file {@code snapshot} writes and the next start resumes: the agent's {@code image=FILE} when given, so
     * the two are always the same file, else {@code NAME.image} in the run directory.
     */
    public Path imageFile() {
        return image != null ? image : runDirectory().imageFile();
    }

    /** True when {@link #host} is a loopback address, the safe default. */
    public boolean loopbackOnly() {
        return isLoopback(host);
    }
}
