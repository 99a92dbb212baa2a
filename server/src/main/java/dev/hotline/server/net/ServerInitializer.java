package dev.hotline.server.net;

import dev.hotline.server.ServerContext;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * The start of every connection's pipeline, in order:
 * <ol>
 *   <li>{@code auth-timeout}: closes connections that do not authenticate in time (only with auth on);</li>
 *   <li>{@code detect}: reads the first bytes and replaces itself with the dialect's stages: framing or line
 *       splitting, decoding and encoding, {@code auth}, then the dialect's handler.</li>
 * </ol>
 * A connection counter sits first so {@code status} can report open connections.
 */
public final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerContext context;

    public ServerInitializer(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("count", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                context.connections().incrementAndGet();
                ctx.fireChannelActive();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                context.connections().decrementAndGet();
                ctx.fireChannelInactive();
            }
        });
        if (context.token().isPresent()) {
            ch.pipeline().addLast(PipelineNames.AUTH_TIMEOUT,
                    new UnauthenticatedTimeout(context.options().authTimeoutSeconds()));
        }
        ch.pipeline().addLast(PipelineNames.DETECT, new DialectDetector(context));
    }
}
