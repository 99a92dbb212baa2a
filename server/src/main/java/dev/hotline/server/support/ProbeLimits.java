package dev.hotline.server.support;

/**
 * What probes may cost the service.
 *
 * @param budgetPercent the share of one core that all probes' work on the probed threads (conditions, messages,
 *        captures) and traces' conditions and values may take, measured each second; the costliest one over it
 *        is paused ({@code probe-budget=PERCENT}, default {@value #DEFAULT_BUDGET_PERCENT})
 * @param linesPerSecond lines a logpoint prints a second at most; the others are counted, not shown
 *        ({@code probe-rate=N}, default {@value #DEFAULT_LINES_PER_SECOND})
 * @param kilobytesPerSecond kilobytes of text a logpoint prints a second at most; the lines past it are counted,
 *        not shown ({@code probe-bytes=KB}, default {@value #DEFAULT_KILOBYTES_PER_SECOND})
 * @param captureKilobytes kilobytes of text a capture holds at most; the locals past it are left out
 *        ({@code probe-capture=KB}, default {@value #DEFAULT_CAPTURE_KILOBYTES})
 */
public record ProbeLimits(double budgetPercent, int linesPerSecond, int kilobytesPerSecond, int captureKilobytes) {
    public static final double DEFAULT_BUDGET_PERCENT = 1;
    public static final int DEFAULT_LINES_PER_SECOND = 12;
    public static final int DEFAULT_KILOBYTES_PER_SECOND = 20;
    public static final int DEFAULT_CAPTURE_KILOBYTES = 64;
}
