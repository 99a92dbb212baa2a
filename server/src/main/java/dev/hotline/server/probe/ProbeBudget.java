package dev.hotline.server.probe;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The service's budget for probes: each second, what every probe's hits cost the probed threads in CPU time
 * ({@link HitCost}) is added up, and when the total is over the budget the costliest probe is paused, with the
 * reason. A paused probe resumes after {@value #PAUSE_SECONDS} seconds; one that goes over again is removed.
 * Probes' thread only.
 */
final class ProbeBudget {
    static final int PAUSE_SECONDS = 5;
    private static final long SECOND = 1_000_000_000L;

    private final long budgetNanos;
    private final double budgetPercent;
    private final Map<LineProbe, HitCost.Reading> costAtLastCheck = new HashMap<>();
    private final Map<LineProbe, Long> pausedUntil = new HashMap<>();
    private final Map<LineProbe, Boolean> pausedBefore = new HashMap<>();
    private long nextCheck = System.nanoTime() + SECOND;

    ProbeBudget(double budgetPercent) {
        this.budgetPercent = budgetPercent;
        this.budgetNanos = (long) (budgetPercent * SECOND / 100);
    }

    /**
     * Once a second: pauses the costliest probe when all went over the budget, resumes those whose pause is over.
     *
     * @param remove ends a probe with a reason, when it goes over again after a pause
     */
    void check(Collection<LineProbe> probes, BiConsumer<LineProbe, String> remove) {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + SECOND;
        costAtLastCheck.keySet().retainAll(probes);
        pausedUntil.keySet().retainAll(probes);
        pausedBefore.keySet().retainAll(probes);
        Map<LineProbe, Long> spent = new HashMap<>();
        long total = 0;
        for (LineProbe probe : probes) {
            HitCost.Reading cost = probe.cost();
            long delta = cost.since(costAtLastCheck.getOrDefault(probe, new HitCost.Reading(0, 0, 0)));
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
        LineProbe costliest = spent.entrySet().stream().filter(e -> !e.getKey().isPaused())
                .max(Comparator.comparingLong(Map.Entry::getValue)).map(Map.Entry::getKey).orElse(null);
        if (costliest == null) {
            return;
        }
        String why = String.format(Locale.ROOT, "its hits cost the service's threads %.1f ms of the last second,"
                + " and all probes %.1f ms, over the probe budget of %s%% of a core (%.1f ms a second;"
                + " the agent option probe-budget=PERCENT sets it)", spent.get(costliest) / 1e6, total / 1e6,
                budgetPercent, budgetNanos / 1e6);
        if (pausedBefore.containsKey(costliest)) {
            remove.accept(costliest, "over the probe budget again: " + why);
        } else {
            pausedBefore.put(costliest, true);
            pausedUntil.put(costliest, now + PAUSE_SECONDS * SECOND);
            costliest.pause("paused for " + PAUSE_SECONDS + " s: " + why);
        }
    }
}
