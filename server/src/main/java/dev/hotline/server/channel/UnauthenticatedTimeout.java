package dev.hotline.server.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not authenticated within the timeout. The auth handler removes this one on
 * success, which cancels the timer.
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
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
