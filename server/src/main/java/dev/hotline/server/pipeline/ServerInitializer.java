package dev.hotline.server.pipeline;

import dev.hotline.server.auth.TokenStore;
import dev.hotline.server.channel.CloseWhenIdle;
import dev.hotline.server.channel.PipelineNames;
import dev.hotline.server.channel.RateLimitedLog;
import dev.hotline.server.channel.SameUserOnly;
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
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;

/**
 * The start of every connection's pipeline, in order:
 * <ol>
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
    private final TokenStore token;
    private final OpRegistry ops;
    private final boolean sameUserOnly;
    private final RateLimitedLog refusals = new RateLimitedLog();

    /**
     * @param token the token clients must present, or null when auth is off (and on the Unix socket)
     * @param ops what the native dialect answers
     * @param sameUserOnly whether only the service's own user may connect (the Unix socket, see {@link SameUserOnly})
     */
    public ServerInitializer(Service service, TokenStore token, OpRegistry ops, boolean sameUserOnly) {
        this.service = service;
        this.token = token;
        this.ops = ops;
        this.sameUserOnly = sameUserOnly;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (ch.config() instanceof DuplexChannelConfig duplex) {
            // A client that shuts down its sending side (nc -N) is still answered; set here rather than as a
            // bootstrap option, which Netty's Unix-domain channel does not take.
            duplex.setAllowHalfClosure(true);
        }
        ch.attr(Exchange.AUDIT).set(service.audit());
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
        if (sameUserOnly) {
            ch.pipeline().addLast("same-user", new SameUserOnly());
        }
        if (token != null) {
            ch.pipeline().addLast(PipelineNames.AUTH_TIMEOUT,
                    new UnauthenticatedTimeout(service.options().authTimeoutSeconds()));
        }
        int idle = service.options().idleTimeoutSeconds();
        if (idle > 0) {
            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle));
            ch.pipeline().addLast("close-idle", new CloseWhenIdle(idle));
        }
        ch.pipeline().addLast(PipelineNames.DETECT, new DialectDetector(service, token, ops));
    }
}
