package dev.hotline.bench;

import java.util.Arrays;

/** Medians and tails of timings, printed in milliseconds. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    double p50() {
        return at(0.50);
    }

    double p99() {
        return at(0.99);
    }

    /** {@code p50 p99} in milliseconds, the line format bench/run.sh reads. */
    String line() {
        return String.format(java.util.Locale.ROOT, "%.3f %.3f", p50(), p99());
    }

    private double at(double fraction) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(index, 0)] / 1e6;
    }
}
