package dev.hotline.server.trace;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a probe's hits cost the threads that hit it, in CPU time. Every hit is counted, and one in
 * {@value #SAMPLE_EVERY}, chosen at random, is timed with the thread's own CPU clock, which, unlike the wall clock,
 * does not count the time the thread waited for a core (on a busy machine that would make cheap probes look
 * costly). The cost of the hits is then their number times the sampled hits' average.
 */
public final class HitCost {
    static final int SAMPLE_EVERY = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_CLOCK = THREADS.isCurrentThreadCpuTimeSupported()
            && THREADS.isThreadCpuTimeEnabled();

    /** The counts so far; {@link #since} makes an estimate of an interval from two of them. */
    public record Reading(long hits, long sampled, long sampledNanos) {
        /** Nothing yet. */
        public static final Reading NONE = new Reading(0, 0, 0);

        /** The estimated nanoseconds of the hits since {@code earlier}. */
        public long since(Reading earlier) {
            long newHits = hits - earlier.hits;
            long newSampled = sampled - earlier.sampled;
            long newNanos = sampledNanos - earlier.sampledNanos;
            if (newSampled > 0) {
                return newNanos * newHits / newSampled;
            }
            return sampled == 0 ? 0 : sampledNanos * newHits / sampled; // no sample this time: the average so far
        }
    }

    private final LongAdder hits = new LongAdder();
    private final LongAdder sampled = new LongAdder();
    private final LongAdder sampledNanos = new LongAdder();

    /** Counts a hit; returns the time to pass to {@link #end} when it is one to time, else -1. */
    public long start() {
        hits.increment();
        return ThreadLocalRandom.current().nextInt(SAMPLE_EVERY) == 0 ? now() : -1;
    }

    /** Ends a hit that {@link #start} gave a time to. */
    public void end(long started) {
        if (started >= 0) {
            sampledNanos.add(now() - started);
            sampled.increment();
        }
    }

    public Reading read() {
        return new Reading(hits.sum(), sampled.sum(), sampledNanos.sum());
    }

    private static long now() {
        return CPU_CLOCK ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
