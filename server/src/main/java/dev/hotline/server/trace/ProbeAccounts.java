package dev.hotline.server.trace;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every probe of a service shares, whichever kind it is (a trace, a monitor, a logpoint, a capture, a
 * catch): its number, from one sequence, so a number names one probe of any kind, and the CPU budget they are
 * all held to together.
 */
public final class ProbeAccounts {
    private final AtomicInteger lastNumber = new AtomicInteger();
    private final ProbeBudget budget;

    /** @param budgetPercent the share of one core that all may take ({@code probe-budget}) */
    public ProbeAccounts(double budgetPercent) {
        this.budget = new ProbeBudget(budgetPercent);
    }

    /** The next probe's number: 1, 2, ... */
    public int nextNumber() {
        return lastNumber.incrementAndGet();
    }

    public ProbeBudget budget() {
        return budget;
    }
}
