package dev.hotline.client.service;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A service's configuration: a Java {@code .properties} file, every key of which can be overridden on the
 * command line ({@code --set key=value}). Relative paths are taken from the file's directory. Unknown keys
 * and bad values are reported with the file and line (or "command line"), and so is a comment after a value,
 * which {@code .properties} would read as part of it.
 *
 * <pre>
 * # default: the file's name without .properties
 * name=greeter
 * # the main class, with class-path=...; or jar=app.jar
 * main=dev.example.Main
 * class-path=lib/app.jar:lib/dep.jar
 * # program arguments; "double quotes" keep spaces together
 * args=--port 8080
 * jvm-options=-Xmx256m -XX:+EnableDynamicAgentLoading
 * # default: the JDK running hotline
 * java-home=/usr/lib/jvm/temurin-25-jdk-amd64
 * # the service's working directory (default: the file's directory)
 * work-dir=.
 * # pid, lock, port, token, log (default: ~/.hotline/run)
 * run-dir=run
 * # Hotline's port (0: any free one), address and authentication (token or none)
 * port=0
 * host=127.0.0.1
 * auth=token
 * # seconds to wait for the service to be ready; after the shutdown request before SIGTERM; after SIGTERM
 * start-timeout=30
 * stop-timeout=10
 * term-timeout=10
 * # environment variables of the service; the user to run as, when hotline is run by root
 * env.GREETING=hello
 * user=svc
 * # reload the class files a build writes there; save the image at every graceful stop
 * watch=target/classes
 * snapshot-on-stop=true
 * # where javac runs: host (a compile host JVM beside the service, the default) or inprocess (in the service)
 * compile=host
 * </pre>
 */
public record ServiceConfig(Path source, String name, String mainClass, Path jar, String classPath, List<String> args,
        List<String> jvmOptions, Path javaHome, Path workDir, Path runDir, int port, String host, String auth,
        Duration startTimeout, Duration stopTimeout, Duration termTimeout, Map<String, String> env, String user,
        Path watch, boolean snapshotOnStop, String compile) {

    /** The service's files: {@code NAME.pid}, {@code NAME.port} and the rest, in its run directory. */
    public RunDirectory run() {
        return new RunDirectory(runDir, name);
    }

    private static final Set<String> KEYS = Set.of("name", "main", "jar", "class-path", "args", "jvm-options",
            "java-home", "work-dir", "run-dir", "port", "host", "auth", "start-timeout", "stop-timeout",
            "term-timeout", "user", "watch", "snapshot-on-stop", "compile");

    /**
     * Reads {@code file} and applies {@code overrides} ({@code key=value} from the command line).
     *
     * @throws CliException with exit code 2 naming the file and line of anything wrong
     */
    public static ServiceConfig load(Path file, List<String> overrides) throws CliException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            throw new CliException(ExitCodes.USAGE, "config file " + file + " does not exist");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the config file " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : ": " + e.getMessage()) + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            int first = i;
            StringBuilder logical = new StringBuilder(lines.get(i));
            while (endsWithContinuation(logical) && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(lines.get(++i).stripLeading());
            }
            parseLine(logical.toString(), file + ":" + (first + 1), entries);
        }
        for (String override : overrides) {
            if (!override.contains("=")) {
                throw new CliException(ExitCodes.USAGE, "--set " + override + ": use --set key=value");
            }
            parseLine(override, "command line (--set " + override + ")", entries);
        }
        return build(file.toAbsolutePath(), entries);
    }

    private record Entry(String value, String where) { }

    private static boolean endsWithContinuation(CharSequence line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** One logical line, read with {@link Properties} itself so escapes mean what they mean in Java. */
    private static void parseLine(String line, String where, Map<String, Entry> entries) throws CliException {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return;
        }
        Properties one = new Properties();
        try {
            one.load(new StringReader(line));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, where + ": cannot read '" + trimmed + "': " + e.getMessage());
        }
        for (String key : one.stringPropertyNames()) {
            if (!KEYS.contains(key) && !key.startsWith("env.")) {
                throw new CliException(ExitCodes.USAGE, where + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ", env.NAME");
            }
            String value = one.getProperty(key).strip();
            if (value.contains(" #") || value.contains("\t#")) {
                throw new CliException(ExitCodes.USAGE, where + ": the value of " + key + " holds ' #': comments must"
                        + " start their own line in .properties (this would make '" + value + "' the value)");
            }
            entries.put(key, new Entry(value, where));
        }
    }

    private static ServiceConfig build(Path file, Map<String, Entry> e) throws CliException {
        Path base = file.getParent();
        String defaultName = file.getFileName().toString().replaceFirst("\\.properties$", "");
        String name = text(e, "name", defaultName);
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw bad(e, "name", "use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String main = text(e, "main", null);
        if (main != null && !main.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw bad(e, "main", "not a class name: give the main class's binary name, as in com.acme.Main");
        }
        Path jar = path(e, "jar", base, null);
        if ((main == null) == (jar == null)) {
            throw new CliException(ExitCodes.USAGE, file + ": give exactly one of main=CLASS (with class-path=...) or jar=FILE");
        }
        String classPath = resolveClassPath(text(e, "class-path", ""), base);
        Map<String, String> env = new TreeMap<>();
        e.forEach((k, v) -> {
            if (k.startsWith("env.")) {
                env.put(k.substring(4), v.value());
            }
        });
        String auth = text(e, "auth", "token");
        if (!auth.equals("token") && !auth.equals("none")) {
            throw bad(e, "auth", "use token or none");
        }
        return new ServiceConfig(file, name, main, jar, classPath, words(e, "args"), words(e, "jvm-options"),
                path(e, "java-home", base, Path.of(System.getProperty("java.home"))),
                path(e, "work-dir", base, base),
                path(e, "run-dir", base, RunDirectory.defaultDir()),
                integer(e, "port", 0, 0, 65535), text(e, "host", "127.0.0.1"), auth,
                seconds(e, "start-timeout", 30), seconds(e, "stop-timeout", 10), seconds(e, "term-timeout", 10),
                env, text(e, "user", null), path(e, "watch", base, null), bool(e, "snapshot-on-stop"), compile(e));
    }

    private static String text(Map<String, Entry> e, String key, String fallback) {
        Entry entry = e.get(key);
        return entry == null || entry.value().isEmpty() ? fallback : entry.value();
    }

    private static Path path(Map<String, Entry> e, String key, Path base, Path fallback) {
        String value = text(e, key, null);
        return value == null ? fallback : base.resolve(value).normalize();
    }

    private static String resolveClassPath(String classPath, Path base) {
        if (classPath.isEmpty()) {
            return classPath;
        }
        List<String> parts = new ArrayList<>();
        for (String part : classPath.split(java.io.File.pathSeparator)) {
            parts.add(base.resolve(part).normalize().toString());
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    private static int integer(Map<String, Entry> e, String key, int fallback, int min, int max) throws CliException {
        String value = text(e, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw bad(e, key, "must be from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException ex) {
            throw bad(e, key, "not a whole number");
        }
    }

    /** The {@code compile} mode, or null when not given (the agent's default then holds). */
    private static String compile(Map<String, Entry> e) throws CliException {
        String value = text(e, "compile", null);
        if (value != null && !value.equals("inprocess") && !value.equals("host")) {
            throw bad(e, "compile", "use inprocess (javac in the service) or host (javac in a compile host beside it)");
        }
        return value;
    }

    private static boolean bool(Map<String, Entry> e, String key) throws CliException {
        String value = text(e, key, "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw bad(e, key, "use true or false");
        }
        return value.equals("true");
    }

    private static Duration seconds(Map<String, Entry> e, String key, int fallback) throws CliException {
        return Duration.ofSeconds(integer(e, key, fallback, 0, 86_400));
    }

    private static List<String> words(Map<String, Entry> e, String key) throws CliException {
        String value = text(e, key, "");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw bad(e, key, "a double quote is not closed");
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    private static CliException bad(Map<String, Entry> e, String key, String problem) {
        Entry entry = e.get(key);
        return new CliException(ExitCodes.USAGE, entry.where() + ": " + key + "=" + entry.value() + ": " + problem);
    }
}
