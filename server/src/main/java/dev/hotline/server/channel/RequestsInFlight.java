package dev.hotline.server.channel;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of a connection's requests are waiting for their final answer, in any dialect: a request counts
 * from when it is read until its answer is written. A connection with a request in flight is not idle, however
 * long the evaluation runs without a byte on the wire; and a connection whose client has stopped sending
 * ({@link #closeWhenDone}) closes once the last of them is answered.
 */
public final class RequestsInFlight {
    private static final AttributeKey<AtomicInteger> COUNT = AttributeKey.valueOf("hotline.requests-in-flight");
    private static final AttributeKey<Boolean> CLOSE_WHEN_DONE = AttributeKey.valueOf("hotline.close-when-done");

    private RequestsInFlight() {
    }

    /** A request was read. */
    public static void started(Channel channel) {
        count(channel).incrementAndGet();
    }

    /**
     * A request got its final answer (call once per {@link #started}); closes the connection if it was the last
     * one and {@link #closeWhenDone} was called.
     */
    public static void finished(Channel channel) {
        if (count(channel).decrementAndGet() == 0 && Boolean.TRUE.equals(channel.attr(CLOSE_WHEN_DONE).get())) {
            channel.close();
        }
    }

    public static boolean any(Channel channel) {
        return count(channel).get() > 0;
    }

    /**
     * The client has closed its sending side (as {@code nc -N} does, or by going away): what it sent is still
     * answered, then the connection closes; at once when nothing is in flight, so half-closed connections
     * cannot pile up.
     */
    public static void closeWhenDone(Channel channel) {
        channel.attr(CLOSE_WHEN_DONE).set(true);
        if (!any(channel)) {
            channel.close();
        }
    }

    /**
     * Whether the client is still there to be answered at length: the connection is open and the client has not
     * closed its sending side. Work that runs until its client says stop (a trace) ends when this turns false.
     */
    public static boolean clientPresent(Channel channel) {
        return channel.isActive() && !Boolean.TRUE.equals(channel.attr(CLOSE_WHEN_DONE).get());
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
