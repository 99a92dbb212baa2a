package dev.hotline.samples.greeter;

/**
 * Housekeeping the greeter could do, including one chore that never ends: the classic way a live session
 * wedges a thread inside application code, used to show what an interrupt can and cannot stop.
 */
public final class Chores {
    private static volatile long spins;

    private Chores() {
    }

    /** Loops forever, in application code, without sleeping or checking for interrupts. */
    public static long spinForever() {
        while (true) {
            spins++;
        }
    }

    /** How many times {@link #spinForever} has gone round, across all callers. */
    public static long spins() {
        return spins;
    }
}
