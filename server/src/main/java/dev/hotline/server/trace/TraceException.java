package dev.hotline.server.trace;

/** A trace that cannot start, and why, in words for the person who asked for it. */
public final class TraceException extends Exception {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }
}
