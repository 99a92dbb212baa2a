package dev.hotline.client.commands;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Sets a logpoint at a source line of the service: each time a thread reaches the line, the "
                        + "message is printed with its {expression} parts filled in from the line's locals. The "
                        + "thread does not stop.",
                "Ends after --count lines or --seconds, or on Ctrl-C; the class then runs its original code again. "
                        + "Locals called like secrets (password, token, key...) print as ***."})
public final class LogCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "2..3", paramLabel = "[SERVICE] PLACE MESSAGE",
            description = {"SERVICE: a config file or a service's name, as other commands take it (or use the options).",
                    "PLACE: CLASS:LINE (com.acme.Pricing:42) or FILE.java:LINE (Pricing.java:42).",
                    "MESSAGE: text with Java expressions in braces, over the line's locals and self:"
                            + " 'total={total} items={order.items().size()}'."})
    List<String> positional;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Java boolean expression over the line's locals and self: only hits where it holds.")
    String where;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000",
            description = "End after N lines (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3600",
            description = "End after S seconds (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--unsafe", description = "Let the expressions do more than read (call any method, store):"
            + " for when you mean to change the service. The audit log records it.")
    boolean unsafe;

    @Option(names = "--json", description = "One JSON object per hit, per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int n = positional.size();
        Plist.Builder request = Plist.builder().put("place", positional.get(n - 2))
                .put("message", positional.get(n - 1)).put("count", count).put("seconds", seconds);
        if (where != null) {
            request.put("where", where);
        }
        if (unsafe) {
            request.put("unsafe", Sexp.T);
        }
        return ProbeStream.run(target, n == 3 ? positional.get(0) : null, "probe", request, json);
    }
}
