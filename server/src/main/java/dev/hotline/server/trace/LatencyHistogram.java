package dev.hotline.server.trace;

import dev.hotline.protocol.CallSummary;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call durations in logarithmic buckets (8 to each power of two, so a percentile is within about 6% of the true
 * value), counted without locks by the calling threads and read by one thread an interval at a time. Counts are
 * kept since the start and an interval is the difference from the last reading, so no call is lost between two.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKETS = 8;
    private static final int BUCKETS = 61 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final long[] lastCounts = new long[BUCKETS]; // reader only
    private long lastFailures; // reader only

    /** Called by the calling thread as a call ends. */
    void add(long nanos, boolean failed) {
        counts.incrementAndGet(bucket(Math.max(nanos, 0)));
        if (failed) {
            failures.incrementAndGet();
        }
        long seen = max.get();
        while (nanos > seen && !max.compareAndSet(seen, nanos)) {
            seen = max.get();
        }
    }

    /** The calls since the last reading. Reader only. */
    CallSummary take() {
        long[] interval = new long[BUCKETS];
        long calls = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long now = counts.get(i);
            interval[i] = now - lastCounts[i];
            lastCounts[i] = now;
            calls += interval[i];
        }
        long failed = failures.get();
        long failedNow = failed - lastFailures;
        lastFailures = failed;
        long longest = max.getAndSet(0);
        return new CallSummary(System.currentTimeMillis(), calls, failedNow, percentile(interval, calls, 0.50),
                percentile(interval, calls, 0.95), percentile(interval, calls, 0.99), calls == 0 ? 0 : longest);
    }

    /** The bucket of a duration: below 16 ns one per nanosecond, then 8 to each power of two. */
    static int bucket(long nanos) {
        if (nanos < 2 * SUB_BUCKETS) {
            return (int) nanos;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        int mantissa = (int) ((nanos >>> (exponent - 3)) & (SUB_BUCKETS - 1));
        return Math.min((exponent - 2) * SUB_BUCKETS + mantissa, BUCKETS - 1);
    }

    /** The middle of a bucket's durations. */
    static long middle(int bucket) {
        if (bucket < 2 * SUB_BUCKETS) {
            return bucket;
        }
        int exponent = bucket / SUB_BUCKETS + 2;
        long low = (long) (SUB_BUCKETS + bucket % SUB_BUCKETS) << (exponent - 3);
        return low + (1L << (exponent - 3)) / 2;
    }

    /** The nearest-rank percentile {@code q} of {@code calls} calls, as the middle of its bucket; 0 without calls. */
    private static long percentile(long[] buckets, long calls, double q) {
        if (calls == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * calls);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(buckets.length - 1);
    }
}
