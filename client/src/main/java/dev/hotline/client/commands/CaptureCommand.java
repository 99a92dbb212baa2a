package dev.hotline.client.commands;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Captures the locals in scope at a source line of the service, with this and the stack, the "
                        + "first time a thread reaches it (or the first --count times), then removes itself. The "
                        + "thread does not stop.",
                "Locals called like secrets (password, token, key...) print as ***. A class compiled without local "
                        + "variable names (javac -g) gives its method's arguments, as p0, p1..."})
public final class CaptureCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..2", paramLabel = "[SERVICE] PLACE",
            description = {"SERVICE: a config file or a service's name, as other commands take it (or use the options).",
                    "PLACE: CLASS:LINE (com.acme.Pricing:42) or FILE.java:LINE (Pricing.java:42)."})
    List<String> positional;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Java boolean expression over the line's locals and self: only hits where it holds.")
    String where;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "Captures to take before it ends (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3600",
            description = "End after S seconds even without a hit (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--unsafe", description = "Let the expressions do more than read (call any method, store):"
            + " for when you mean to change the service. The audit log records it.")
    boolean unsafe;

    @Option(names = "--json", description = "One JSON object per capture, per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int n = positional.size();
        Plist.Builder request = Plist.builder().put("place", positional.get(n - 1)).put("count", count)
                .put("seconds", seconds);
        if (where != null) {
            request.put("where", where);
        }
        if (unsafe) {
            request.put("unsafe", Sexp.T);
        }
        return ProbeStream.run(target, n == 2 ? positional.get(0) : null, request, json);
    }
}
