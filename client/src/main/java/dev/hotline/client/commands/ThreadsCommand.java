package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "threads", mixinStandardHelpOptions = true,
        description = {"Dumps the service's threads with their stacks, like jstack; with --top, the threads that used "
                + "the most CPU over an interval, with their top frames.",
                "It answers while an evaluation keeps the service's session busy."})
public final class ThreadsCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--top", description = "The busiest threads instead of every thread.")
    boolean top;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1",
            description = "With --top: the interval measured, 1 to 60 (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10",
            description = "With --top: how many threads (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--json", description = "The reply as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Plist.Builder request = Plist.builder();
        if (top) {
            request.put("top", Sexp.T).put("seconds", seconds).put("count", count);
        }
        try (NativeConnection connection = NativeConnection.open(service.locate().target())) {
            connection.send("threads", request);
            Plist reply = connection.read(Duration.ofSeconds(seconds + 60));
            if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                Console.stderr().println("hotline: " + reply.string(Wire.MESSAGE).orElse("threads failed"));
                Console.stderr().flush();
                return ExitCodes.FAILED;
            }
            PrintWriter out = Console.stdout();
            if (json) {
                out.println(Json.of(reply));
            } else {
                out.print(reply.string("report").orElse(""));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
