package dev.hotline.server.channel;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The gate of the Unix-domain socket, which asks for no token: a connection is let in only when its peer, as the
 * kernel tells ({@code SO_PEERCRED}), runs as the service's own user. Anyone else is told why and closed.
 */
public final class SameUserOnly extends ChannelInboundHandlerAdapter {
    /** The peer's user on a connection let in, for whoever records who did what (the audit log). */
    public static final AttributeKey<String> PEER_USER = AttributeKey.valueOf("hotline.peer-user");
    private static final RateLimitedLog REFUSALS = new RateLimitedLog();

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String own = System.getProperty("user.name");
        String peer;
        try {
            UnixDomainPrincipal principal = ctx.channel().config().getOption(
                    NioChannelOption.of(ExtendedSocketOptions.SO_PEERCRED));
            peer = principal == null ? null : principal.user().getName();
        } catch (RuntimeException e) {
            peer = null;
        }
        if (!own.equals(peer)) {
            REFUSALS.log("refused a connection on the Unix socket from user " + (peer == null ? "(unknown)" : peer)
                    + ": only " + own + " may connect there");
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.copiedBuffer("error: refused: only the service's user (" + own
                    + ") may connect to this socket\n", StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(PEER_USER).set(peer);
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}
