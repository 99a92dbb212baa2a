package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.protocol.SessionNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code hotline eval} without picocli, for scripts that run it in loops: building picocli's model takes a
 * few hundred milliseconds of reflection per process, more than the evaluation itself. Only plain command
 * lines take this path (the options of {@link EvalCommand} and code); anything else (help, version, an
 * unknown option, a value that does not parse) is left to picocli, which explains what is wrong.
 */
public final class EvalFastPath {
    /** The options of {@link EvalCommand} that take a value; EvalFastPathTest keeps them in step with picocli's. */
    static final Set<String> VALUE_OPTIONS = Set.of("--conf", "--name", "--dir", "--pid", "--port-file", "--port", "--host", "--token-file",
            "--set", "--session", "--timeout", "--via");
    /** The options of {@link EvalCommand} without a value. */
    static final Set<String> FLAGS = Set.of("--json");
    /** The options of {@link EvalCommand} this path leaves to picocli, as it does unknown ones: fan-out's. */
    static final Set<String> LEFT_TO_PICOCLI = Set.of("--all", "--targets", "--parallel");

    private EvalFastPath() {
    }

    /**
     * Runs {@code eval} with the arguments that follow the command name.
     *
     * @return the exit code, or empty when picocli must handle this command line
     */
    public static OptionalInt run(String[] args) throws CliException, IOException {
        Map<String, String> values = new HashMap<>();
        List<String> overrides = new ArrayList<>();
        boolean json = false;
        List<String> code = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                code.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String key = eq > 0 ? arg.substring(0, eq) : arg;
            if (FLAGS.contains(key) && eq < 0) {
                json = true;
            } else if (key.equals("--set") && (eq > 0 || i + 1 < args.length)) {
                overrides.add(eq > 0 ? arg.substring(eq + 1) : args[++i]);
            } else if (VALUE_OPTIONS.contains(key) && !values.containsKey(key) && (eq > 0 || i + 1 < args.length)) {
                values.put(key, eq > 0 ? arg.substring(eq + 1) : args[++i]);
            } else {
                return OptionalInt.empty();
            }
        }
        TargetOptions target = new TargetOptions();
        Double timeout;
        try {
            target.conf = pathOrNull(values.get("--conf"));
            target.overrides = overrides;
            target.pid = values.containsKey("--pid") ? Long.valueOf(values.get("--pid")) : null;
            target.name = values.get("--name");
            target.dir = pathOrNull(values.get("--dir"));
            target.portFile = pathOrNull(values.get("--port-file"));
            target.port = values.containsKey("--port") ? Integer.valueOf(values.get("--port")) : null;
            target.host = values.getOrDefault("--host", "127.0.0.1");
            target.tokenFile = pathOrNull(values.get("--token-file"));
            target.via = values.get("--via");
            timeout = values.containsKey("--timeout") ? Double.valueOf(values.get("--timeout")) : null;
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
        EvalCommand.requireChoosable(values.getOrDefault("--session", SessionNames.DEFAULT));
        String source = code.isEmpty() || code.equals(List.of("-")) ? EvalCommand.readStdin() : String.join(" ", code);
        return OptionalInt.of(EvalCommand.run(target.locate().target(), values.getOrDefault("--session", SessionNames.DEFAULT), source, json,
                timeout));
    }

    private static Path pathOrNull(String value) {
        return value == null ? null : Path.of(value);
    }
}
