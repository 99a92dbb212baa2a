package dev.hotline.server.trace;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A probe or a trace whose work on the threads it observes (its condition, message, capture) counts against the
 * {@link ProbeBudget}. The budget calls {@link #pause}, {@link #resume} and {@link #stop} from whichever thread
 * checks it, so they are safe from any thread; what the client is told goes with the owner's next delivery
 * ({@link #sayBudgetNotes}).
 */
public abstract class Metered {
    private final HitCost cost = new HitCost();
    private final Queue<String> budgetNotes = new ConcurrentLinkedQueue<>();
    private volatile boolean paused;

    /** What its hits have cost the hitting threads so far. */
    public final HitCost.Reading cost() {
        return cost.read();
    }

    public final boolean isPaused() {
        return paused;
    }

    /** Stops doing its work on hits until {@link #resume}; its client hears why. */
    public final void pause(String reason) {
        paused = true;
        budgetNotes.add(reason);
    }

    public final void resume(String reason) {
        paused = false;
        budgetNotes.add(reason);
    }

    /** Ends it, as its own count or time would; its client hears why. */
    public abstract void stop(String reason);

    /** Called on the hitting thread as its work on a hit begins; gives what {@link #endHit} takes. */
    protected final long startHit() {
        return cost.start();
    }

    protected final void endHit(long started) {
        cost.end(started);
    }

    /** Gives what the budget said since the last call to {@code note}. The owner's thread only. */
    protected final void sayBudgetNotes(Consumer<String> note) {
        for (String text = budgetNotes.poll(); text != null; text = budgetNotes.poll()) {
            note.accept(text);
        }
    }
}
