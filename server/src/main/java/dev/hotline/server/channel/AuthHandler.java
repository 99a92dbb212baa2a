package dev.hotline.server.channel;

import dev.hotline.server.auth.TokenStore;
import dev.hotline.server.support.ServerLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Function;

/**
 * Checks the first message of a connection against the token: the first frame's payload in the framed
 * dialects (SLIME's {@code ~/.slime-secret} convention), the first line in line mode. On success it steps
 * out of the pipeline; on failure it sends the dialect's error, closes the connection, and nothing the
 * client sent is evaluated.
 */
public final class AuthHandler extends ChannelInboundHandlerAdapter {
    private final TokenStore token;
    private final Function<Object, Object> failureReply;

    /**
     * @param failureReply what to send before closing, given what the client sent instead of the token,
     *        already in the dialect's message type
     */
    public AuthHandler(TokenStore token, Function<Object, Object> failureReply) {
        this.token = token;
        this.failureReply = failureReply;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof String presented && token.matches(presented)) {
            ctx.pipeline().remove(PipelineNames.AUTH_TIMEOUT);
            ctx.pipeline().remove(this);
            return;
        }
        ServerLog.warn("rejected a connection from " + ctx.channel().remoteAddress() + ": missing or wrong token");
        ctx.writeAndFlush(failureReply.apply(msg)).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }
}
