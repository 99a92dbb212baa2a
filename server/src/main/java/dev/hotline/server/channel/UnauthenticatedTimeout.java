package dev.hotline.server.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not authenticated within the timeout, or whose client stopped sending before it
 * did: half-closure is allowed so that {@code nc -N} gets its answers, but a connection that ended its input without
 * a token can never authenticate, and is closed at once rather than held until the timer. The auth handler removes
 * this one on success, which cancels the timer.
 */
public final class UnauthenticatedTimeout extends ChannelInboundHandlerAdapter {
    private final int seconds;
    private ScheduledFuture<?> timer;

    public UnauthenticatedTimeout(int seconds) {
        this.seconds = seconds;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> {
            ctx.channel().close();
        }, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
