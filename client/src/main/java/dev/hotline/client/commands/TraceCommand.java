package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.TraceCall;
import dev.hotline.protocol.Wire;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Traces a method of the service: prints each call (thread, arguments, value or exception, "
                        + "duration) as it happens, one per line.",
                "Ends after --count calls or --seconds, or on Ctrl-C; the class then runs its original code again. "
                        + "When calls come faster than they can be printed, the rest are counted, not shown."})
public final class TraceCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..2", paramLabel = "[SERVICE] CLASS::METHOD",
            description = {"SERVICE: a config file or a service's name, as other commands take it (or use the options).",
                    "The method: CLASS::METHOD (every overload), CLASS::METHOD(String,int) (one), or CLASS::* (every"
                            + " method of the class). CLASS is a full name, or a simple one when only one loaded class"
                            + " has it."})
    List<String> positional;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Java boolean expression over args, result, thrown and self: only calls where it holds.")
    String where;

    @Option(names = "--show", paramLabel = "EXPR", description = "Java expression printed instead of the value.")
    String show;

    @Option(names = "--stack", description = "Print each call's caller stack.")
    boolean stack;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100",
            description = "End after N calls (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
            description = "End after S seconds (default: no time limit).")
    long seconds;

    @Option(names = "--unsafe", description = "Let --where and --show do more than read (call any method, store):"
            + " for when you mean to change the service. The audit log records it.")
    boolean unsafe;

    @Option(names = "--json", description = "One JSON object per call, per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String spec = positional.get(positional.size() - 1);
        String service = positional.size() == 2 ? positional.get(0) : null;
        Plist.Builder request = Plist.builder().put("spec", spec).put("count", count).put("seconds", seconds);
        if (where != null) {
            request.put("where", where);
        }
        if (show != null) {
            request.put("show", show);
        }
        if (stack) {
            request.put("stack", Sexp.T);
        }
        if (unsafe) {
            request.put("unsafe", Sexp.T);
        }
        PrintWriter out = Console.stdout();
        PrintWriter err = Console.stderr();
        try (NativeConnection connection = NativeConnection.open(target.locate(service).target())) {
            long id = connection.send("trace", request);
            DroppedNotice dropped = new DroppedNotice(err);
            while (true) {
                Plist reply = connection.read(null);
                if (reply.integer(Wire.ID).orElse(-1L) != id) {
                    continue;
                }
                if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                    err.println("hotline: " + reply.string(Wire.MESSAGE).orElse("the trace failed"));
                    err.flush();
                    return ExitCodes.FAILED;
                }
                if (reply.has(Wire.STATUS)) {
                    dropped.sayNow();
                    err.println("trace ended " + TraceCall.ending(reply.string("reason").orElse("?"),
                            reply.integer("shown").orElse(0L), reply.integer("dropped").orElse(0L)));
                    err.flush();
                    return ExitCodes.OK;
                }
                if (reply.get("call").orElse(null) instanceof Sexp.Lst call) {
                    Plist fields = Plist.from(call);
                    out.println(json ? Json.of(fields) : TraceCall.from(fields).toText());
                    out.flush();
                } else if (reply.has("tracing")) {
                    err.println("tracing " + reply.string("tracing").orElse(spec) + "; Ctrl-C ends it");
                    err.flush();
                } else if (reply.has("dropped")) {
                    dropped.add(reply.integer("dropped").orElse(0L));
                } else if (reply.has("note")) {
                    err.println("note: " + reply.string("note").orElse(""));
                    err.flush();
                }
            }
        }
    }

    /** Says how many calls were not shown, at most every two seconds, so that a busy trace does not flood stderr. */
    private static final class DroppedNotice {
        private static final long EVERY_NANOS = 2_000_000_000L;
        private final PrintWriter err;
        private long unsaid;
        private long saidAt = System.nanoTime() - EVERY_NANOS;

        DroppedNotice(PrintWriter err) {
            this.err = err;
        }

        void add(long count) {
            unsaid += count;
            if (System.nanoTime() - saidAt >= EVERY_NANOS) {
                sayNow();
            }
        }

        void sayNow() {
            if (unsaid > 0) {
                err.printf(Locale.ROOT, "%,d calls not shown: they came faster than they could be sent%n", unsaid);
                err.flush();
                unsaid = 0;
                saidAt = System.nanoTime();
            }
        }
    }
}
