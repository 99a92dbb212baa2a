package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code hotline bridge} without picocli: every command through {@code ssh://} or {@code kubectl://} starts one on
 * the far host, and its start-up adds to each of them. Only the plain command lines that {@link FastCommandLine}
 * reads, with at most one SERVICE, take this path.
 */
public final class BridgeFastPath {
    /** The options of {@link BridgeCommand} that take a value; FastPathTest keeps them in step with picocli's. */
    static final Set<String> VALUE_OPTIONS = Set.of("--conf", "--name", "--dir", "--pid", "--port-file", "--port",
            "--host", "--token-file", "--set");
    /** The options of {@link BridgeCommand} this path leaves to picocli: those a bridge refuses, with its reason. */
    static final Set<String> LEFT_TO_PICOCLI = Set.of("--via", "--all", "--targets", "--parallel");

    private BridgeFastPath() {
    }

    /**
     * Runs {@code bridge} with the arguments that follow the command name.
     *
     * @return the exit code, or empty when picocli must handle this command line
     */
    public static OptionalInt run(String[] args) throws CliException, IOException {
        Optional<FastCommandLine> read = FastCommandLine.read(args, VALUE_OPTIONS, Set.of());
        if (read.isEmpty() || read.get().positionals().size() > 1) {
            return OptionalInt.empty();
        }
        TargetOptions target;
        try {
            target = read.get().target();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        String service = read.get().positionals().isEmpty() ? null : read.get().positionals().get(0);
        return OptionalInt.of(BridgeCommand.bridge(target.locate(service).target()));
    }
}
