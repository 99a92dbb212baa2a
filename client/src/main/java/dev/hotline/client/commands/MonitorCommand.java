package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.protocol.CallSummary;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Monitors a method of the service: every interval, one line with how many calls ended, how "
                        + "many threw, and their durations' p50, p95, p99 and maximum.",
                "Every call is counted (none is shown one by one, so none is dropped). Ends after --seconds or on "
                        + "Ctrl-C; the class then runs its original code again."})
public final class MonitorCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..2", paramLabel = "[SERVICE] CLASS::METHOD",
            description = {"SERVICE: a config file or a service's name, as other commands take it (or use the options).",
                    "The method, as hotline trace takes it: CLASS::METHOD, CLASS::METHOD(String,int) or CLASS::*."})
    List<String> positional;

    @Option(names = "--every", paramLabel = "S", defaultValue = "5",
            description = "Seconds between two lines (default: ${DEFAULT-VALUE}).")
    long every;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
            description = "End after S seconds (default: no time limit).")
    long seconds;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Java boolean expression over args, result, thrown and self: only calls where it holds count.")
    String where;

    @Option(names = "--unsafe", description = "Let --where do more than read. The audit log records it.")
    boolean unsafe;

    @Option(names = "--json", description = "One JSON object per interval, per line (durations in nanoseconds).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Plist.Builder request = Plist.builder().put("spec", positional.get(positional.size() - 1))
                .put("every", every).put("seconds", seconds);
        if (where != null) {
            request.put("where", where);
        }
        if (unsafe) {
            request.put("unsafe", Sexp.T);
        }
        PrintWriter out = Console.stdout();
        PrintWriter err = Console.stderr();
        String service = positional.size() == 2 ? positional.get(0) : null;
        try (NativeConnection connection = NativeConnection.open(target.locate(service).target())) {
            long id = connection.send("monitor", request);
            while (true) {
                Plist reply = connection.read(null);
                if (reply.integer(Wire.ID).orElse(-1L) != id) {
                    continue;
                }
                if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                    err.println("hotline: " + reply.string(Wire.MESSAGE).orElse("the monitor failed"));
                    return ExitCodes.FAILED;
                }
                if (reply.has(Wire.STATUS)) {
                    err.println("monitor ended (" + reply.string("reason").orElse("?") + ")");
                    return ExitCodes.OK;
                }
                if (reply.get("interval").orElse(null) instanceof Sexp.Lst interval) {
                    Plist fields = Plist.from(interval);
                    out.println(json ? Json.of(fields) : CallSummary.from(fields).toText());
                    out.flush();
                } else if (reply.has("monitoring")) {
                    err.println("monitoring " + reply.string("monitoring").orElse("") + " every " + every
                            + " s; Ctrl-C ends it");
                } else if (reply.has("note")) {
                    err.println("note: " + reply.string("note").orElse(""));
                }
            }
        }
    }
}
