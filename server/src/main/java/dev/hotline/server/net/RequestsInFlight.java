package dev.hotline.server.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of a connection's requests are waiting for their final answer, in any dialect: a request counts
 * from when it is read until its answer is written. A connection with a request in flight is not idle, however
 * long the evaluation runs without a byte on the wire.
 */
public final class RequestsInFlight {
    private static final AttributeKey<AtomicInteger> COUNT = AttributeKey.valueOf("hotline.requests-in-flight");

    private RequestsInFlight() {
    }

    /** A request was read; returns how many are now in flight. */
    public static int started(Channel channel) {
        return count(channel).incrementAndGet();
    }

    /** A request got its final answer (call once per {@link #started}); returns how many are still in flight. */
    public static int finished(Channel channel) {
        return count(channel).decrementAndGet();
    }

    public static boolean any(Channel channel) {
        return count(channel).get() > 0;
    }

    private static AtomicInteger count(Channel channel) {
        AtomicInteger count = channel.attr(COUNT).get();
        if (count == null) {
            count = new AtomicInteger();
            AtomicInteger raced = channel.attr(COUNT).setIfAbsent(count);
            if (raced != null) {
                count = raced;
            }
        }
        return count;
    }
}
