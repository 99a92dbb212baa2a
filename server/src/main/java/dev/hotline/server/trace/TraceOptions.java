package dev.hotline.server.trace;

import java.util.Optional;

/**
 * How a trace filters, shows and ends.
 *
 * @param where a Java boolean expression over {@code args}, {@code result}, {@code thrown} and {@code self}:
 *     only calls for which it holds are reported
 * @param show a Java expression over the same names, reported instead of the return value
 * @param stack whether each call carries its caller's stack
 * @param count the trace ends after this many calls
 * @param seconds the trace ends after this long (0: no time limit)
 * @param unsafe whether {@code where} and {@code show} may do more than read ({@link ReadOnlyCheck} is skipped)
 * @param every for a monitor, the seconds between two summaries of the calls, which are then not shown one by
 *     one; 0 for a trace
 */
public record TraceOptions(Optional<String> where, Optional<String> show, boolean stack, long count, long seconds,
        boolean unsafe, long every) {
    /** Without a {@code --count}, a trace ends after this many calls. */
    public static final long DEFAULT_COUNT = 100;

    public TraceOptions {
        where = where.filter(w -> !w.isBlank());
        show = show.filter(s -> !s.isBlank());
        if (count <= 0) {
            throw new IllegalArgumentException("the count must be at least 1, got " + count);
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("the seconds must be 0 (no limit) or more, got " + seconds);
        }
        if (every < 0) {
            throw new IllegalArgumentException("the interval must be 1 second or more, got " + every);
        }
    }

    /** A trace's options: each call shown. */
    public static TraceOptions trace(Optional<String> where, Optional<String> show, boolean stack, long count,
            long seconds, boolean unsafe) {
        return new TraceOptions(where, show, stack, count, seconds, unsafe, 0);
    }

    /** A monitor's options: the calls summed up every {@code every} seconds, until {@code seconds} (0: no limit). */
    public static TraceOptions monitor(Optional<String> where, long every, long seconds, boolean unsafe) {
        return new TraceOptions(where, Optional.empty(), false, Long.MAX_VALUE, seconds, unsafe, every);
    }

    /** Whether calls are summed up rather than shown. */
    boolean monitors() {
        return every > 0;
    }
}
