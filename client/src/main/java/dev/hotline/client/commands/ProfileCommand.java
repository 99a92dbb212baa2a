package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.FlameGraph;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Records where the service's threads spend CPU (or allocate, or wait for locks) for some "
                        + "seconds with JDK Flight Recorder, prints the hottest methods, and writes a flame graph.",
                "JFR is in every JDK, needs no native library and works in containers where perf events are "
                        + "forbidden."})
public final class ProfileCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "0..1", paramLabel = "SERVICE",
            description = "A config file or a service's name, as other commands take it (or use the options).")
    String service;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30",
            description = "How long to record (default: ${DEFAULT-VALUE}).")
    int seconds;

    @ArgGroup(exclusive = true)
    Kind kind = new Kind();

    /** What to record, CPU unless told. */
    static final class Kind {
        @Option(names = "--alloc", description = "Where memory is allocated (weighed by bytes), instead of CPU.")
        boolean alloc;

        @Option(names = "--locks", description = "Where threads wait to enter monitors (weighed by time), instead of CPU.")
        boolean locks;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the flame graph there: one HTML page, no network needed to view it.")
    Path output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Methods printed, hottest first (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        String kindName = kind.alloc ? "alloc" : kind.locks ? "locks" : "cpu";
        PrintWriter out = Console.stdout();
        PrintWriter err = Console.stderr();
        try (NativeConnection connection = NativeConnection.open(target.locate(service).target())) {
            long id = connection.send("profile", Plist.builder().put("seconds", seconds).put("kind", kindName));
            while (true) {
                Plist reply = connection.read(null);
                if (reply.integer(Wire.ID).orElse(-1L) != id) {
                    continue;
                }
                if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                    err.println("hotline: " + reply.string(Wire.MESSAGE).orElse("the profile failed"));
                    return ExitCodes.FAILED;
                }
                if (reply.has("recording")) {
                    err.println("recording " + kindName + " for " + seconds + " s; Ctrl-C ends it without a profile");
                } else if (reply.has(Wire.STATUS)) {
                    return report(reply, out, err);
                }
            }
        }
    }

    private int report(Plist reply, PrintWriter out, PrintWriter err) throws Exception {
        String unit = reply.string("unit").orElse("samples");
        long total = reply.integer("total").orElse(0L);
        List<Map.Entry<String, Long>> folded = FlameGraph.folded(reply.strings("folded"));
        if (total == 0) {
            err.println("nothing was recorded: no thread " + (unit.equals("samples") ? "ran Java code"
                    : unit.equals("bytes") ? "allocated" : "waited for a lock") + " in " + seconds + " s");
            return ExitCodes.OK;
        }
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        for (Map.Entry<String, Long> stack : folded) {
            String[] frames = stack.getKey().split(";");
            self.merge(frames[frames.length - 1], stack.getValue(), Long::sum);
            Set<String> seen = new HashSet<>(List.of(frames));
            seen.forEach(frame -> inclusive.merge(frame, stack.getValue(), Long::sum));
        }
        out.printf(Locale.ROOT, "%,d %s; hottest methods by their own share:%n  self   total  method%n", total, unit);
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "%5.1f%%  %5.1f%%  %s%n", 100.0 * e.getValue() / total,
                        100.0 * inclusive.get(e.getKey()) / total, e.getKey()));
        out.flush();
        if (output != null) {
            Files.writeString(output, FlameGraph.html("Hotline profile: " + reply.string("kind").orElse("cpu")
                    + ", " + seconds + " s", folded, unit), StandardCharsets.UTF_8);
            err.println("flame graph: " + output.toAbsolutePath() + " (" + folded.size() + " stacks)");
        }
        return ExitCodes.OK;
    }
}
