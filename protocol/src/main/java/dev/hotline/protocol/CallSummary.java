package dev.hotline.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One interval of a monitored method, as the {@code monitor} op reports it in {@code (:id N :interval PLIST)} and
 * as every client prints it: how many calls ended in the interval, how many threw, and their durations'
 * percentiles (nearest rank, within about 6%) and maximum, in nanoseconds.
 *
 * @param epochMillis when the interval ended
 */
public record CallSummary(long epochMillis, long calls, long failures, long p50, long p95, long p99, long max) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** The plist sent on the wire. */
    public Plist toPlist() {
        return Plist.builder().put("time", epochMillis).put("calls", calls).put("failures", failures).put("p50", p50)
                .put("p95", p95).put("p99", p99).put("max", max).build();
    }

    /** Reads what {@link #toPlist} wrote. */
    public static CallSummary from(Plist p) {
        return new CallSummary(p.integer("time").orElse(0L), p.integer("calls").orElse(0L),
                p.integer("failures").orElse(0L), p.integer("p50").orElse(0L), p.integer("p95").orElse(0L),
                p.integer("p99").orElse(0L), p.integer("max").orElse(0L));
    }

    /** For people: {@code 12:00:05  calls 120  failed 2  p50 1.05 ms  p95 1.21 ms  p99 48.2 ms  max 50.3 ms}. */
    public String toText() {
        return String.format(Locale.ROOT, "%s  calls %,d  failed %,d  p50 %s  p95 %s  p99 %s  max %s",
                TIME.format(Instant.ofEpochMilli(epochMillis)), calls, failures, millis(p50), millis(p95), millis(p99),
                millis(max));
    }

    private static String millis(long nanos) {
        return nanos <= 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
