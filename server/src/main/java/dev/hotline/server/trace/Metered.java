package dev.hotline.server.trace;

/**
 * A probe or a trace whose work on the threads it observes (its condition, message, capture) counts against the
 * {@link ProbeBudget}. The budget calls these from whichever thread checks it, so each is safe from any thread;
 * what the client is told is sent on the owner's thread, with its next delivery.
 */
public interface Metered {
    /** What its hits have cost the hitting threads so far. */
    HitCost.Reading cost();

    boolean isPaused();

    /** Stops doing its work on hits until {@link #resume}; its client hears why. */
    void pause(String reason);

    void resume(String reason);

    /** Ends it, as its own count or time would; its client hears why. */
    void stop(String reason);
}
