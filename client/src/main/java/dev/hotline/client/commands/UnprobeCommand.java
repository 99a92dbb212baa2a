package dev.hotline.client.commands;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hotline unprobe}: ends a probe by its number, whoever set it. */
@Command(name = "unprobe", mixinStandardHelpOptions = true,
        description = {"Ends a probe of the service by its number (hotline probes lists them), whoever set it: its "
                + "client hears that another ended it, and the class gets its code back when no probe is left on it. "
                + "The audit log records who did."})
public final class UnprobeCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..2", paramLabel = "[SERVICE] N",
            description = {"SERVICE: a config file or a service's name, as other commands take it (or use the options).",
                    "N: the probe's number."})
    List<String> positional;

    @Override
    public Integer call() throws Exception {
        int n = positional.size();
        long number;
        try {
            number = Long.parseLong(positional.get(n - 1));
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, "hotline unprobe takes a probe's number, as hotline probes lists"
                    + " it; '" + positional.get(n - 1) + "' is not one");
        }
        try (NativeConnection connection = NativeConnection.open(
                target.locate(n == 2 ? positional.get(0) : null).target())) {
            Answer answer = connection.call("unprobe", Plist.builder().put("probe", number), Duration.ofSeconds(30));
            if (answer.failed()) {
                Console.stderr().println("hotline: cannot end probe " + number + ": " + answer.message().orElse("?"));
                return ExitCodes.FAILED;
            }
            if (!(answer.last().get("unprobed").orElse(null) instanceof Sexp.Lst ended) || ended.isEmpty()) {
                Console.stderr().println("hotline: no probe " + number + " is on; hotline probes lists them");
                return ExitCodes.FAILED;
            }
        }
        Console.stdout().println("probe " + number + " ended");
        return ExitCodes.OK;
    }
}
