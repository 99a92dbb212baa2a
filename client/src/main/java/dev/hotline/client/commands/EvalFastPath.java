package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.protocol.SessionNames;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code hotline eval} without picocli, for scripts that run it in loops; only the plain command lines that
 * {@link FastCommandLine} reads take this path.
 */
public final class EvalFastPath {
    /** The options of {@link EvalCommand} that take a value; FastPathTest keeps them in step with picocli's. */
    static final Set<String> VALUE_OPTIONS = Set.of("--conf", "--name", "--dir", "--pid", "--port-file", "--port", "--host", "--token-file",
            "--set", "--session", "--timeout", "--via", "--targets", "--parallel");
    /** The options of {@link EvalCommand} without a value. */
    static final Set<String> FLAGS = Set.of("--json", "--all");

    private EvalFastPath() {
    }

    /**
     * Runs {@code eval} with the arguments that follow the command name.
     *
     * @return the exit code, or empty when picocli must handle this command line
     */
    public static OptionalInt run(String[] args) throws CliException, IOException, InterruptedException {
        Optional<FastCommandLine> read = FastCommandLine.read(args, VALUE_OPTIONS, FLAGS);
        if (read.isEmpty()) {
            return OptionalInt.empty();
        }
        FastCommandLine line = read.get();
        TargetOptions target;
        Double timeout;
        try {
            target = line.target();
            timeout = line.value("--timeout").map(Double::valueOf).orElse(null);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        String session = line.value("--session").orElse(SessionNames.DEFAULT);
        EvalCommand.requireChoosable(session);
        List<String> code = line.positionals();
        String source = code.isEmpty() || code.equals(List.of("-")) ? EvalCommand.readStdin() : String.join(" ", code);
        return OptionalInt.of(EvalCommand.evaluate(target, session, source, line.flag("--json"), timeout));
    }
}
