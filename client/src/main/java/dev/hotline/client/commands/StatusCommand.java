package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.client.service.ServiceControl;
import dev.hotline.client.service.ServiceLocation;
import dev.hotline.client.service.ServiceState;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.RunDirectory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Tells whether the service runs; when it does: pid, uptime, port, Java, heap, threads, sessions.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--json", description = "One JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (service.target.isFanOut()) {
            return FanOut.run(service.target.members(), service.target.parallel(), json, false, one -> {
                Plist live = one.connection().call("status", Plist.builder(), Duration.ofSeconds(30)).last();
                return FanOut.Result.ok("running, pid " + live.integer("pid").orElse(0L) + ", Java "
                        + live.string("java-version").orElse("?") + ", up " + live.integer("uptime-ms").orElse(0L) / 1000
                        + " s", "");
            });
        }
        ServiceLocation location = service.locate();
        if (location.run().isEmpty() && location.target().via().isPresent()) {
            return statusThrough(location.target());
        }
        RunDirectory run = service.run();
        ServiceState state = ServiceState.of(run);
        Plist.Builder report = Plist.builder().put("service", run.name());
        int code;
        String text;
        if (state instanceof ServiceState.Running running) {
            code = ExitCodes.OK;
            report.put("state", state.word()).put("pid", running.record().pid());
            Optional<Plist> live = ServiceControl.statusOf(run);
            live.ifPresent(p -> p.asMap().forEach((k, v) -> {
                if (!k.equals("id") && !k.equals("status")) {
                    report.put(k, v);
                }
            }));
            text = run.name() + " is running: pid " + running.record().pid()
                    + live.map(StatusCommand::details).orElse(" (it does not answer on its port)");
        } else if (state instanceof ServiceState.Stale stale) {
            code = ExitCodes.FAILED;
            report.put("state", state.word()).put("pid", stale.record().pid()).put("reason", stale.reason());
            text = run.name() + " is not running, but its pid file remains (" + stale.reason()
                    + "); hotline zap clears it";
        } else if (state instanceof ServiceState.Unknown unknown) {
            code = ExitCodes.UNKNOWN;
            report.put("state", state.word()).put("reason", unknown.reason());
            text = "cannot tell whether " + run.name() + " runs: " + unknown.reason();
        } else {
            code = ExitCodes.UNREACHABLE;
            report.put("state", state.word());
            text = run.known() ? run.name() + " is not running" : run.noSuchService();
        }
        PrintWriter out = Console.stdout();
        out.println(json ? Json.of(report.build()) : text);
        return code;
    }

    /** A service on another host, through a bridge: it answers, or the bridge says why not (exit 3). */
    private int statusThrough(Target target) throws Exception {
        try (NativeConnection connection = NativeConnection.open(target)) {
            Plist live = connection.call("status", Plist.builder(), Duration.ofSeconds(30)).last();
            Plist.Builder report = Plist.builder().put("state", "running");
            live.asMap().forEach((k, v) -> {
                if (!k.equals("id") && !k.equals("status")) {
                    report.put(k, v);
                }
            });
            Console.stdout().println(json ? Json.of(report.build()) : live.string("service").orElse("the service")
                    + " is running: pid " + live.integer("pid").orElse(0L) + details(live));
            Console.stdout().flush();
            return ExitCodes.OK;
        }
    }

    private static String details(Plist s) {
        return ", up " + s.integer("uptime-ms").orElse(0L) / 1000 + " s, port " + s.integer("port").orElse(0L)
                + ", Java " + s.string("java-version").orElse("?") + ", heap " + s.integer("heap-used").orElse(0L) / (1 << 20)
                + " MB of " + s.integer("heap-max").orElse(0L) / (1 << 20) + " MB, " + s.integer("threads").orElse(0L)
                + " threads, sessions: " + namesOrNone(s.strings("sessions"))
                + s.string("role").map(r -> "\nyour role: " + r + s.string("credential").map(c -> " (" + c + ")")
                        .orElse("")).orElse("")
                + s.string("compile").map(c -> "\ncompiles " + c).orElse("")
                + s.string("image").filter(i -> !i.equals("none")).map(i -> "\n" + i).orElse("")
                + (s.strings("waiting").isEmpty() ? "" : "\nclasses reloaded but not loaded yet, waiting for their loader:\n  "
                        + String.join("\n  ", s.strings("waiting")));
    }

    private static String namesOrNone(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
