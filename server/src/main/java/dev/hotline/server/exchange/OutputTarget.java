package dev.hotline.server.exchange;

/**
 * Where captured {@code System.out}/{@code System.err} text goes: normally the {@link Exchange} whose work is
 * running (or ran last) in the session.
 */
public interface OutputTarget {
    /** Which standard stream the text was written to. */
    enum Stream { OUT, ERR }

    /** Delivers text; called from whichever thread the snippet wrote on. */
    void write(Stream stream, String text);

    /** False once the receiver is gone; captured text then falls back to the application's own streams. */
    boolean isOpen();

    /**
     * Blocks the writing thread while the receiver is behind (its connection's send buffer is full), so a
     * snippet that prints faster than its client reads is slowed down rather than buffered without bound.
     */
    default void awaitRoom() {
    }
}
