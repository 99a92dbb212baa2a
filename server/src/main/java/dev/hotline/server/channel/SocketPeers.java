package dev.hotline.server.channel;

import dev.hotline.server.auth.Credentials;
import dev.hotline.server.auth.Role;
import dev.hotline.server.auth.SocketGroup;
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
 * The gate of the Unix-domain socket, which asks for no token: the kernel tells who the peer is
 * ({@code SO_PEERCRED}). The service's own user comes in as {@link Role#OPERATE}; members of {@code socket-group}
 * come in as {@link Role#OBSERVE}; anyone else is told why and closed.
 */
public final class SocketPeers extends ChannelInboundHandlerAdapter {
    /** The peer's user on a connection let in, for whoever records who did what (the audit log). */
    public static final AttributeKey<String> PEER_USER = AttributeKey.valueOf("hotline.peer-user");
    private static final RateLimitedLog REFUSALS = new RateLimitedLog();

    private final SocketGroup group;

    /** @param group the group let in to observe, or null: only the service's user */
    public SocketPeers(SocketGroup group) {
        this.group = group;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String own = System.getProperty("user.name");
        UnixDomainPrincipal peer;
        try {
            peer = ctx.channel().config().getOption(NioChannelOption.of(ExtendedSocketOptions.SO_PEERCRED));
        } catch (RuntimeException e) {
            peer = null;
        }
        String user = peer == null ? null : peer.user().getName();
        Credentials.Grant grant = null;
        if (own.equals(user)) {
            grant = new Credentials.Grant(Role.OPERATE, "the Unix socket as user " + user);
        } else if (user != null && group != null && group.admits(user, peer.group().getName())) {
            grant = new Credentials.Grant(Role.OBSERVE, "the Unix socket as user " + user + " of group " + group.name());
        }
        if (grant == null) {
            String allowed = "only the service's user (" + own + ")"
                    + (group == null ? "" : " and members of group " + group.name() + " (to observe)");
            REFUSALS.log("refused a connection on the Unix socket from user " + (user == null ? "(unknown)" : user)
                    + ": " + allowed + " may connect there");
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.copiedBuffer("error: refused: " + allowed + " may connect to this socket\n",
                    StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(PEER_USER).set(user);
        ConnectionRole.grant(ctx.channel(), grant);
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}
