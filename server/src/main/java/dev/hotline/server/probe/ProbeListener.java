package dev.hotline.server.probe;

import dev.hotline.protocol.ProbeHit;

/**
 * Where a line probe's reports go: the client that set it, in its dialect's form. Called on the probes' thread
 * only; hits are given only while {@link #isWritable}, so a slow client makes hits be dropped, never the probed
 * threads wait.
 */
public interface ProbeListener {
    /** False once the client has gone; the probe then ends. */
    boolean isOpen();

    /** Whether the client can take more now. */
    boolean isWritable();

    /** The probe is on; its hits follow. Called before any of them. */
    void started(LineProbe probe);

    /** A hit; it may wait in the client's buffer until {@link #flush}. */
    void hit(ProbeHit hit);

    /** Sends the hits given so far. */
    void flush();

    /** Something the client should know, such as its condition failing on a hit. */
    void note(String text);

    /** The probe's class is not loaded yet: the probe waits for it (its note says so in words). */
    default void pending(String className) {
    }

    /** A hot reload moved the probed line: hits now show {@code newPlace}; {@code how} says it for people. */
    default void moved(String newPlace, String how) {
        note(how);
    }

    /** {@code count} hits were not shown since the last report, because the client read too slowly. */
    void dropped(long count);

    /** The probe has ended, and the class's code is back as it was; the last report. */
    void ended(String reason, long shown, long dropped);
}
