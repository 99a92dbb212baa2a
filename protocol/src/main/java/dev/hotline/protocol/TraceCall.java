package dev.hotline.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One call of a traced method, as the {@code trace} op reports it in {@code (:id N :call PLIST)} and as every
 * client prints it. Values are already rendered to text by the service (with its value limits).
 *
 * @param thread the name of the thread that made the call
 * @param epochMillis when the call returned or threw
 * @param className the binary name of the method's class
 * @param method the method's name
 * @param args the arguments, rendered
 * @param value the return value, rendered; empty when it threw or the method is void
 * @param thrown the exception it threw ({@code class: message}); empty when it returned
 * @param shown what {@code --show} made of the call, instead of the value; empty without {@code --show}
 * @param nanos how long the call took
 * @param stack the caller's stack, innermost first, with {@code --stack}; else empty
 */
public record TraceCall(String thread, long epochMillis, String className, String method, List<String> args,
        Optional<String> value, Optional<String> thrown, Optional<String> shown, long nanos, List<String> stack) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    public TraceCall {
        args = List.copyOf(args);
        stack = List.copyOf(stack);
    }

    /** The plist sent on the wire. */
    public Plist toPlist() {
        Plist.Builder b = Plist.builder().put("thread", thread).put("time", epochMillis).put("class", className)
                .put("method", method).put("args", Sexp.list(args.stream().map(Sexp::str).toList()))
                .put("nanos", nanos);
        value.ifPresent(v -> b.put("value", v));
        thrown.ifPresent(t -> b.put("thrown", t));
        shown.ifPresent(s -> b.put("show", s));
        if (!stack.isEmpty()) {
            b.put("stack", Sexp.list(stack.stream().map(Sexp::str).toList()));
        }
        return b.build();
    }

    /** Reads what {@link #toPlist} wrote. */
    public static TraceCall from(Plist p) {
        return new TraceCall(p.string("thread").orElse("?"), p.integer("time").orElse(0L),
                p.string("class").orElse("?"), p.string("method").orElse("?"), p.strings("args"),
                p.string("value"), p.string("thrown"), p.string("show"), p.integer("nanos").orElse(0L),
                p.strings("stack"));
    }

    /**
     * How a trace ended, for people: {@code (3 calls traced): 3 calls shown, 0 not shown}. Every client says it
     * after "trace ended" or "trace N ended".
     */
    public static String ending(String reason, long shown, long notShown) {
        return String.format(Locale.ROOT, "(%s): %,d %s shown, %,d not shown", reason, shown,
                shown == 1 ? "call" : "calls", notShown);
    }

    /**
     * One line for people, then the stack indented:
     * {@code 12:00:01.250 [http-3] Greeter.greet("Ada") returned "Hello, Ada!" in 0.052 ms}.
     */
    public String toText() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        StringBuilder sb = new StringBuilder(TIME.format(Instant.ofEpochMilli(epochMillis)))
                .append(" [").append(thread).append("] ").append(simple).append('.').append(method)
                .append('(').append(String.join(", ", args)).append(')');
        if (shown.isPresent()) {
            sb.append(thrown.isPresent() ? " threw, shown: " : " shown: ").append(shown.get());
        } else if (thrown.isPresent()) {
            sb.append(" threw ").append(thrown.get());
        } else {
            sb.append(value.map(v -> " returned " + v).orElse(" returned"));
        }
        sb.append(String.format(Locale.ROOT, " in %.3f ms", nanos / 1e6));
        stack.forEach(frame -> sb.append("\n    at ").append(frame));
        return sb.toString();
    }
}
