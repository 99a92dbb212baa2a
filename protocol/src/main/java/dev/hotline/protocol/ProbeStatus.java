package dev.hotline.protocol;

import java.util.Locale;

/**
 * One probe as the {@code probes} op lists it, whoever set it: a trace, a monitor, a logpoint, a capture or a
 * catch.
 *
 * @param number its number, by which {@code unprobe} ends it; 0 for a pending one, which has none yet
 * @param description what and where it is: {@code logpoint at com.acme.Pricing:42 (in quote)},
 *     {@code trace of com.acme.Pricing::quote}
 * @param state {@code on}, {@code paused} (over the probe budget) or {@code pending} (its class is not loaded)
 * @param hits how many times its code ran while it was on
 * @param shown hits sent to its client
 * @param dropped hits not sent, because the client read too slowly
 * @param cpuMillis what its hits cost the service's threads, in CPU milliseconds (estimated from a sample)
 */
public record ProbeStatus(int number, String description, String state, long hits, long shown, long dropped,
        double cpuMillis) {

    /** A probe waiting for {@code className} to load: it has no number yet, and no hits. */
    public static ProbeStatus pending(String className) {
        return new ProbeStatus(0, "waits for " + className + " to load", "pending", 0, 0, 0, 0);
    }

    public Plist toPlist() {
        return Plist.builder().put("number", number).put("description", description).put("state", state)
                .put("hits", hits).put("shown", shown).put("dropped", dropped)
                .put("cpu-us", Math.round(cpuMillis * 1000)).build();
    }

    public static ProbeStatus from(Plist p) {
        return new ProbeStatus(p.integer("number").orElse(0L).intValue(), p.string("description").orElse("?"),
                p.string("state").orElse("?"), p.integer("hits").orElse(0L), p.integer("shown").orElse(0L),
                p.integer("dropped").orElse(0L), p.integer("cpu-us").orElse(0L) / 1000.0);
    }

    /** The header of {@link #toText}'s columns. */
    public static final String HEADER = String.format(Locale.ROOT, "%4s  %-7s  %9s  %9s  %9s  %9s  %s", "#",
            "state", "hits", "shown", "dropped", "cpu ms", "probe");

    /** One row under {@link #HEADER}. */
    public String toText() {
        return String.format(Locale.ROOT, "%4s  %-7s  %,9d  %,9d  %,9d  %9.1f  %s", number == 0 ? "-" : number, state,
                hits, shown, dropped, cpuMillis, description);
    }
}
