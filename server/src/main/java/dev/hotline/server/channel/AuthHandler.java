package dev.hotline.server.channel;

import dev.hotline.server.auth.Credentials;
import dev.hotline.server.support.ServerLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the first message of a connection against the tokens: the first frame's payload in the framed
 * dialects (SLIME's {@code ~/.slime-secret} convention), the first line in line mode. On success it records the
 * role the token grants ({@link ConnectionRole}) and steps out of the pipeline; on failure it sends the dialect's
 * error, closes the connection, and nothing the client sent is evaluated.
 */
public final class AuthHandler extends ChannelInboundHandlerAdapter {
    private final Credentials credentials;
    private final Function<Object, Object> failureReply;

    /**
     * @param failureReply what to send before closing, given what the client sent instead of the token,
     *        already in the dialect's message type
     */
    public AuthHandler(Credentials credentials, Function<Object, Object> failureReply) {
        this.credentials = credentials;
        this.failureReply = failureReply;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        var grant = msg instanceof String presented ? credentials.grantFor(presented) : Optional.<Credentials.Grant>empty();
        if (grant.isPresent()) {
            ConnectionRole.grant(ctx.channel(), grant.get());
            ctx.pipeline().remove(PipelineNames.AUTH_TIMEOUT);
            ctx.pipeline().remove(this);
            return;
        }
        ServerLog.warn("rejected a connection from " + ctx.channel().remoteAddress() + ": missing or wrong token");
        ctx.writeAndFlush(failureReply.apply(msg)).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }
}
