package dev.hotline.client.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line read without picocli, for the commands run in loops or once per remote connection ({@link
 * EvalFastPath}, {@link BridgeFastPath}): building picocli's model takes a few hundred milliseconds of
 * reflection per process, more than those commands' own work. It reads only plain command lines: known options
 * given once, {@code --set} any number of times, {@code --} ending the options. Anything else (help, version, an
 * unknown option, a repeated one, a value that does not parse) makes it give up, and picocli, which explains
 * what is wrong, reads the command line instead.
 */
final class FastCommandLine {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> overrides = new ArrayList<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    private FastCommandLine() {
    }

    /**
     * Reads {@code args}, the words after the command's name.
     *
     * @param valueOptions the options that take a value ({@code --set} among them when the command has it)
     * @param flagOptions the options without one
     * @return the command line, or empty when picocli must read it
     */
    static Optional<FastCommandLine> read(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        FastCommandLine line = new FastCommandLine();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                line.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String key = eq > 0 ? arg.substring(0, eq) : arg;
            boolean hasValue = eq > 0 || i + 1 < args.length;
            if (flagOptions.contains(key) && eq < 0 && line.flags.add(key)) {
                continue;
            }
            if (key.equals("--set") && valueOptions.contains(key) && hasValue) {
                line.overrides.add(eq > 0 ? arg.substring(eq + 1) : args[++i]);
            } else if (valueOptions.contains(key) && !line.values.containsKey(key) && hasValue) {
                line.values.put(key, eq > 0 ? arg.substring(eq + 1) : args[++i]);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(line);
    }

    /** An option's value, when it was given. */
    Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    boolean flag(String option) {
        return flags.contains(option);
    }

    /** The words that are not options, in order. */
    List<String> positionals() {
        return positionals;
    }

    /**
     * The target options as picocli would have set them.
     *
     * @throws NumberFormatException when {@code --pid}, {@code --port} or {@code --parallel} is not a number
     */
    TargetOptions target() {
        TargetOptions target = new TargetOptions();
        target.conf = path("--conf");
        target.overrides = overrides;
        target.pid = value("--pid").map(Long::valueOf).orElse(null);
        target.name = values.get("--name");
        target.dir = path("--dir");
        target.portFile = path("--port-file");
        target.port = value("--port").map(Integer::valueOf).orElse(null);
        target.host = values.getOrDefault("--host", "127.0.0.1");
        target.tokenFile = path("--token-file");
        target.via = values.get("--via");
        target.all = flag("--all");
        target.targets = path("--targets");
        target.parallel = value("--parallel").map(Integer::valueOf).orElse(TargetOptions.DEFAULT_PARALLEL);
        return target;
    }

    private Path path(String option) {
        return value(option).map(Path::of).orElse(null);
    }
}
