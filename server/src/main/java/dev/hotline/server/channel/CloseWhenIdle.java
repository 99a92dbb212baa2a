package dev.hotline.server.channel;

import dev.hotline.server.support.ServerLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that has been quiet for the agent's {@code idle-timeout} (an {@link IdleStateEvent} from
 * the {@code IdleStateHandler} before it) and has no request in flight: a long evaluation is not idleness.
 */
public final class CloseWhenIdle extends ChannelInboundHandlerAdapter {
    private final int idleSeconds;

    public CloseWhenIdle(int idleSeconds) {
        this.idleSeconds = idleSeconds;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
        } else if (!RequestsInFlight.any(ctx.channel())) {
            ServerLog.info("closing " + ctx.channel().remoteAddress() + ": idle for " + idleSeconds + " s");
            ctx.close();
        }
    }
}
