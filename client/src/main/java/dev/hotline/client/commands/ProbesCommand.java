package dev.hotline.client.commands;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeStatus;
import dev.hotline.protocol.Sexp;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hotline probes}: every probe in a service, whoever set it. */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = {"Lists every probe in the service (logpoints, captures, catches), whoever set it: its number, "
                + "its state (on; paused, over the probe budget; pending, its class not loaded yet), how many times "
                + "its code ran, the hits shown and not shown, and the CPU time its hits cost the service's threads.",
                "hotline unprobe SERVICE N ends one."})
public final class ProbesCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--json", description = "One JSON object per probe, per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = Console.stdout();
        try (NativeConnection connection = NativeConnection.open(service.locate().target())) {
            Answer answer = connection.call("probes", Plist.builder(), Duration.ofSeconds(30));
            if (answer.failed()) {
                Console.stderr().println("hotline: cannot list the probes: " + answer.message().orElse("?"));
                return ExitCodes.FAILED;
            }
            List<ProbeStatus> all = new ArrayList<>();
            if (answer.last().get("probes").orElse(null) instanceof Sexp.Lst list) {
                for (Sexp item : list.items()) {
                    all.add(ProbeStatus.from(Plist.from(item)));
                }
            }
            if (json) {
                all.forEach(p -> out.println(Json.of(p.toPlist())));
            } else if (all.isEmpty()) {
                out.println("no probes are on (hotline log, capture or catch sets one)");
            } else {
                out.println(ProbeStatus.HEADER);
                all.forEach(p -> out.println(p.toText()));
            }
        }
        return ExitCodes.OK;
    }
}
