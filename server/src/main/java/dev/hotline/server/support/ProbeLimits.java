package dev.hotline.server.support;

/**
 * What probes at a line may cost the service.
 *
 * @param budgetPercent the share of one core that all probes' work on the probed threads (conditions, messages,
 *        captures) may take, measured each second; the costliest probe over it is paused
 *        ({@code probe-budget=PERCENT}, default {@value #DEFAULT_BUDGET_PERCENT})
 * @param linesPerSecond lines a logpoint prints a second at most; the others are counted, not shown
 *        ({@code probe-rate=N}, default {@value #DEFAULT_LINES_PER_SECOND})
 */
public record ProbeLimits(double budgetPercent, int linesPerSecond) {
    public static final double DEFAULT_BUDGET_PERCENT = 1;
    public static final int DEFAULT_LINES_PER_SECOND = 12;

    /** The defaults, as when no option is given. */
    public static final ProbeLimits DEFAULT = new ProbeLimits(DEFAULT_BUDGET_PERCENT, DEFAULT_LINES_PER_SECOND);
}
