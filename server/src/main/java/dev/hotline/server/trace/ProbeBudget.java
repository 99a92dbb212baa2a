package dev.hotline.server.trace;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's budget for probes and for traces' conditions: each second, what all of them cost the observed
 * threads in CPU time ({@link HitCost}) is added up, and when the total is over the budget the costliest is
 * paused, with the reason. A paused one resumes after {@value #PAUSE_SECONDS} seconds; one that goes over again is
 * ended. One budget serves the whole service: the probes and the tracer each {@link #check} it as they tick, and
 * whichever comes first in a second does the check for all.
 */
public final class ProbeBudget {
    static final int PAUSE_SECONDS = 5;
    private static final long SECOND = 1_000_000_000L;

    private final long budgetNanos;
    private final double budgetPercent;
    private final Set<Metered> metered = ConcurrentHashMap.newKeySet();
    private final Map<Metered, HitCost.Reading> costAtLastCheck = new HashMap<>(); // check() only, as the rest
    private final Map<Metered, Long> pausedUntil = new HashMap<>();
    private final Map<Metered, Boolean> pausedBefore = new HashMap<>();
    private long nextCheck = System.nanoTime() + SECOND;

    /** @param budgetPercent the share of one core that all may take ({@code probe-budget}) */
    ProbeBudget(double budgetPercent) {
        this.budgetPercent = budgetPercent;
        this.budgetNanos = (long) (budgetPercent * SECOND / 100);
    }

    /** Counts {@code one} against the budget until it is {@link #forget}ten. */
    public void meter(Metered one) {
        metered.add(one);
    }

    public void forget(Metered one) {
        metered.remove(one);
    }

    /** Once a second: pauses the costliest when all went over the budget, resumes those whose pause is over. */
    public synchronized void check() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + SECOND;
        List<Metered> probes = List.copyOf(metered);
        costAtLastCheck.keySet().retainAll(probes);
        pausedUntil.keySet().retainAll(probes);
        pausedBefore.keySet().retainAll(probes);
        Map<Metered, Long> spent = new HashMap<>();
        long total = 0;
        for (Metered probe : probes) {
            HitCost.Reading cost = probe.cost();
            long delta = cost.since(costAtLastCheck.getOrDefault(probe, HitCost.Reading.NONE));
            costAtLastCheck.put(probe, cost);
            spent.put(probe, delta);
            total += delta;
        }
        pausedUntil.entrySet().removeIf(e -> {
            if (now - e.getValue() >= 0) {
                e.getKey().resume("resumed after a pause of " + PAUSE_SECONDS + " s; if it goes over the budget"
                        + " again it is removed");
                return true;
            }
            return false;
        });
        if (total <= budgetNanos) {
            return;
        }
        Metered costliest = spent.entrySet().stream().filter(e -> !e.getKey().isPaused())
                .max(Comparator.comparingLong(Map.Entry::getValue)).map(Map.Entry::getKey).orElse(null);
        if (costliest == null) {
            return;
        }
        String why = String.format(Locale.ROOT, "its hits cost the service's threads %.1f ms of the last second,"
                + " and all probes %.1f ms, over the probe budget of %s%% of a core (%.1f ms a second;"
                + " the agent option probe-budget=PERCENT sets it)", spent.get(costliest) / 1e6, total / 1e6,
                budgetPercent, budgetNanos / 1e6);
        if (pausedBefore.containsKey(costliest)) {
            costliest.stop("over the probe budget again: " + why);
        } else {
            pausedBefore.put(costliest, true);
            pausedUntil.put(costliest, now + PAUSE_SECONDS * SECOND);
            costliest.pause("paused for " + PAUSE_SECONDS + " s: " + why);
        }
    }
}
