package dev.hotline.server.channel;

import dev.hotline.server.support.ServerLog;

/**
 * A warning that a client can trigger at will (a connection refused), logged at most once every
 * {@value #INTERVAL_MILLIS} ms with a count of those left out, so a flood of clients cannot flood the
 * service's log.
 */
public final class RateLimitedLog {
    private static final long INTERVAL_MILLIS = 10_000;
    private long lastLogged;
    private long suppressed;

    public synchronized void log(String message) {
        long now = System.currentTimeMillis();
        if (now - lastLogged < INTERVAL_MILLIS) {
            suppressed++;
            return;
        }
        ServerLog.warn(message + (suppressed > 0 ? " (and " + suppressed + " more like it since the last report)" : ""));
        lastLogged = now;
        suppressed = 0;
    }
}
