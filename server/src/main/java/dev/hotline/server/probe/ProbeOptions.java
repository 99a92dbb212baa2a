package dev.hotline.server.probe;

import java.util.List;
import java.util.Optional;

/**
 * What a line probe does and how long it lasts.
 *
 * @param message a logpoint's message, with {@code {expression}} parts; empty for a capture of the locals
 * @param where Java boolean over the line's locals and {@code self}: only hits where it holds
 * @param show Java expressions a capture shows instead of every local; a logpoint's message names its own
 * @param count hits after which the probe ends
 * @param seconds seconds after which it ends
 * @param unsafe whether the expressions may do more than read ({@code ReadOnlyCheck} is skipped)
 */
public record ProbeOptions(Optional<String> message, Optional<String> where, List<String> show, long count,
        long seconds, boolean unsafe) {
    /** A logpoint prints at most this many lines unless told otherwise. */
    public static final long DEFAULT_LOG_COUNT = 1000;
    /** A capture takes the first hit unless told otherwise. */
    public static final long DEFAULT_CAPTURE_COUNT = 1;
    /** Every probe ends after an hour unless told otherwise, so a forgotten one does not stay. */
    public static final long DEFAULT_SECONDS = 3600;

    public ProbeOptions {
        show = List.copyOf(show);
        if (message.isPresent() && !show.isEmpty()) {
            throw new IllegalArgumentException("--show is for captures; a logpoint shows what its message names");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be 1 or more");
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be 1 or more");
        }
    }

    /** Whether it prints a message (a logpoint) rather than capturing the locals. */
    boolean logs() {
        return message.isPresent();
    }
}
