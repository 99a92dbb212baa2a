package dev.hotline.client.commands;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Plist;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hotline detach}: stops Hotline inside a service and leaves the service running. */
@Command(name = "detach", mixinStandardHelpOptions = true,
        description = {"Stops Hotline inside the service and leaves the service running (its port, token and pid files "
                        + "go).",
                "hotline attach starts Hotline in it again."})
public final class DetachCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        try (NativeConnection connection = NativeConnection.open(service.locate().target())) {
            Answer answer = connection.call("detach", Plist.builder(), Duration.ofSeconds(30));
            if (answer.failed()) {
                Console.stderr().println("hotline: cannot detach: " + answer.message().orElse("the service refused"));
                return ExitCodes.FAILED;
            }
        }
        Console.stdout().println("detached: the service runs on without Hotline");
        return ExitCodes.OK;
    }
}
