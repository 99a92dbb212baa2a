package dev.hotline.client.commands;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code hotline capture} and {@code hotline catch} both take: what to capture, and for how long. */
public final class CaptureOptions {
    @Option(names = "--where", paramLabel = "EXPR",
            description = "Java boolean expression over what the probe sees (a line's locals; a catch's arguments"
                    + " and thrown) and self: only hits where it holds.")
    String where;

    @Option(names = "--show", paramLabel = "EXPR",
            description = "A Java expression to capture instead of every local (repeat it for more), such as"
                    + " --show 'order.items().size()'.")
    List<String> show = new ArrayList<>();

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

    /** The request's options, added to {@code request}. */
    Plist.Builder addTo(Plist.Builder request) {
        request.put("count", count).put("seconds", seconds);
        if (where != null) {
            request.put("where", where);
        }
        if (!show.isEmpty()) {
            request.put("show", Sexp.list(show.stream().map(Sexp::str).toList()));
        }
        if (unsafe) {
            request.put("unsafe", Sexp.T);
        }
        return request;
    }
}
