package dev.hotline.server.pipeline;

import dev.hotline.server.auth.Credentials;
import dev.hotline.server.auth.Role;
import dev.hotline.server.auth.SocketGroup;
import dev.hotline.server.channel.ConnectionRole;
import dev.hotline.server.channel.CloseWhenIdle;
import dev.hotline.server.channel.PipelineNames;
import dev.hotline.server.channel.RateLimitedLog;
import dev.hotline.server.channel.SocketPeers;
import dev.hotline.server.channel.UnauthenticatedTimeout;
import dev.hotline.server.exchange.Exchange;
import dev.hotline.server.ops.OpRegistry;
import dev.hotline.server.service.Service;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DuplexChannelConfig;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The start of every connection's pipeline, in order:
 * <ol>
 *   <li>with {@code tls=true}, {@code tls}: everything after it, refusals included, travels encrypted;</li>
 *   <li>on the Unix socket, {@code socket-peers}: lets in the service's user and {@code socket-group}'s members
 *       ({@link SocketPeers});</li>
 *   <li>{@code auth-timeout}: closes connections that do not authenticate in time (only with auth on);</li>
 *   <li>{@code detect}: reads the first bytes and replaces itself with the dialect's stages: framing or line
 *       splitting, decoding and encoding, {@code auth}, then the dialect's handler.</li>
 * </ol>
 * A connection counter sits first, so {@code status} can report open connections and connections beyond
 * {@code max-connections} are refused; with {@code idle-timeout}, connections without traffic and without a
 * request in flight are closed.
 */
public final class ServerInitializer extends ChannelInitializer<Channel> {
    private final Service service;
    private final Credentials credentials;
    private final OpRegistry ops;
    private final boolean socket;
    private final SocketGroup socketGroup;
    private final SSLContext tls;
    private final RateLimitedLog refusals = new RateLimitedLog();

    private ServerInitializer(Service service, Credentials credentials, OpRegistry ops, boolean socket,
            SocketGroup socketGroup, SSLContext tls) {
        this.service = service;
        this.credentials = credentials;
        this.ops = ops;
        this.socket = socket;
        this.socketGroup = socketGroup;
        this.tls = tls;
    }

    /**
     * Connections to the TCP port, which present a token.
     *
     * @param credentials the tokens and the roles they grant, or null when auth is off: every connection operates
     * @param ops what the native dialect answers
     * @param tls the server's TLS context ({@code tls=true}), or null: plain TCP
     */
    public static ServerInitializer forPort(Service service, Credentials credentials, OpRegistry ops, SSLContext tls) {
        return new ServerInitializer(service, credentials, ops, false, null, tls);
    }

    /**
     * Connections to the Unix socket, which the kernel vouches for ({@link SocketPeers}).
     *
     * @param socketGroup the group let in to observe, or null
     */
    public static ServerInitializer forSocket(Service service, SocketGroup socketGroup, OpRegistry ops) {
        return new ServerInitializer(service, null, ops, true, socketGroup, null);
    }

    @Override
    protected void initChannel(Channel ch) {
        if (ch.config() instanceof DuplexChannelConfig duplex) {
            // A client that shuts down its sending side (nc -N) is still answered; set here rather than as a
            // bootstrap option, which Netty's Unix-domain channel does not take.
            duplex.setAllowHalfClosure(true);
        }
        ch.attr(Exchange.AUDIT).set(service.audit());
        if (tls != null) {
            SSLEngine engine = tls.createSSLEngine();
            engine.setUseClientMode(false);
            ch.pipeline().addLast("tls", new SslHandler(engine));
        }
        ch.pipeline().addLast("count", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                int open = service.connections().incrementAndGet();
                int max = service.options().maxConnections();
                if (open > max) {
                    refusals.log("refused a connection from " + ctx.channel().remoteAddress() + ": " + max
                            + " are open (max-connections)");
                    ctx.channel().config().setAutoRead(false); // nothing it sends is read, let alone evaluated
                    ctx.writeAndFlush(Unpooled.copiedBuffer("error: too many connections (" + max
                            + " open; agent option max-connections)\n", StandardCharsets.UTF_8))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                ctx.fireChannelActive();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                service.connections().decrementAndGet();
                ctx.fireChannelInactive();
            }
        });
        if (socket) {
            ch.pipeline().addLast("socket-peers", new SocketPeers(socketGroup));
        } else if (credentials == null) {
            ConnectionRole.grant(ch, new Credentials.Grant(Role.OPERATE, "auth=none: the port asks no token"));
        }
        if (credentials != null) {
            ch.pipeline().addLast(PipelineNames.AUTH_TIMEOUT,
                    new UnauthenticatedTimeout(service.options().authTimeoutSeconds()));
        }
        int idle = service.options().idleTimeoutSeconds();
        if (idle > 0) {
            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle));
            ch.pipeline().addLast("close-idle", new CloseWhenIdle(idle));
        }
        ch.pipeline().addLast(PipelineNames.DETECT, new DialectDetector(service, credentials, ops));
    }
}
