package dev.hotline.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One hit of a probe at a source line, as the {@code probe} op reports it in {@code (:id N :hit PLIST)} and as
 * every client prints it. Values are already rendered to text by the service (with its value limits and its
 * redaction).
 *
 * @param thread the name of the thread that ran the line
 * @param epochMillis when
 * @param place the class and line, {@code com.acme.Pricing:42}
 * @param message a logpoint's message, filled in; empty for a capture
 * @param locals a capture's locals in scope, by name, in slot order; empty for a logpoint
 * @param self a capture's {@code this}, in an instance method
 * @param stack a capture's stack, the probed method's frame first; empty for a logpoint
 * @param thrown what a caught exception was ({@code java.lang.IllegalStateException: closed}), for a
 *     {@code catch} probe: then {@code place} is the throwing line and {@code stack} the exception's
 */
public record ProbeHit(String thread, long epochMillis, String place, Optional<String> message,
        List<Map.Entry<String, String>> locals, Optional<String> self, List<String> stack, Optional<String> thrown) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    public ProbeHit {
        locals = List.copyOf(locals);
        stack = List.copyOf(stack);
    }

    /** The plist sent on the wire; locals as a flat list, {@code ("name" "value" ...)}. */
    public Plist toPlist() {
        Plist.Builder b = Plist.builder().put("thread", thread).put("time", epochMillis).put("place", place);
        message.ifPresent(m -> b.put("message", m));
        if (!locals.isEmpty()) {
            List<Sexp> flat = new ArrayList<>();
            locals.forEach(e -> {
                flat.add(Sexp.str(e.getKey()));
                flat.add(Sexp.str(e.getValue()));
            });
            b.put("locals", Sexp.list(flat));
        }
        self.ifPresent(s -> b.put("self", s));
        if (!stack.isEmpty()) {
            b.put("stack", Sexp.list(stack.stream().map(Sexp::str).toList()));
        }
        thrown.ifPresent(t -> b.put("thrown", t));
        return b.build();
    }

    /** Reads what {@link #toPlist} wrote. */
    public static ProbeHit from(Plist p) {
        List<String> flat = p.strings("locals");
        List<Map.Entry<String, String>> locals = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            locals.add(Map.entry(flat.get(i), flat.get(i + 1)));
        }
        return new ProbeHit(p.string("thread").orElse("?"), p.integer("time").orElse(0L), p.string("place").orElse("?"),
                p.string("message"), locals, p.string("self"), p.strings("stack"), p.string("thrown"));
    }

    /**
     * For people: a logpoint's one line, {@code 12:00:01.250 [http-3] Greeter:25 hit=3 name="Ada"}; a capture's
     * header line (with what was thrown, for a catch), then each local, {@code this} and the stack, indented.
     */
    public String toText() {
        String simplePlace = place.substring(place.lastIndexOf('.') + 1);
        StringBuilder sb = new StringBuilder(TIME.format(Instant.ofEpochMilli(epochMillis)))
                .append(" [").append(thread).append("] ").append(simplePlace);
        if (message.isPresent()) {
            return sb.append(' ').append(message.get()).toString();
        }
        thrown.ifPresent(t -> sb.append(" threw ").append(t));
        sb.append(locals.isEmpty() && self.isEmpty() ? ": no locals in scope" : "");
        self.ifPresent(s -> sb.append("\n  this = ").append(s));
        locals.forEach(e -> sb.append("\n  ").append(e.getKey()).append(" = ").append(e.getValue()));
        if (!stack.isEmpty()) {
            sb.append("\n  stack:");
            stack.forEach(frame -> sb.append("\n    at ").append(frame));
        }
        return sb.toString();
    }

    /** How a probe ended, for people: {@code (3 hits shown): 3 hits shown, 0 not shown}. */
    public static String ending(String reason, long shown, long notShown) {
        return String.format(Locale.ROOT, "(%s): %,d %s shown, %,d not shown", reason, shown,
                shown == 1 ? "hit" : "hits", notShown);
    }
}
