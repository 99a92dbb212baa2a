package dev.hotline.server.channel;

import io.netty.channel.Channel;
import java.util.concurrent.locks.LockSupport;

/** Holds up a thread that writes to a connection faster than the client reads. */
public final class Backpressure {
    private static final long PAUSE_NANOS = 1_000_000;

    private Backpressure() {
    }

    /**
     * Waits while {@code channel}'s outbound buffer is above its high-water mark (64 KiB) and the channel is
     * open. Returns at once on the channel's own event loop, which must never wait, and when the thread is
     * interrupted (an interrupt request), keeping its interrupt status.
     */
    public static void awaitWritable(Channel channel) {
        if (channel.eventLoop().inEventLoop()) {
            return;
        }
        while (channel.isActive() && !channel.isWritable() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
