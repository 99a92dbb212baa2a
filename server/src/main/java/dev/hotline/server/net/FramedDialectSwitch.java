package dev.hotline.server.net;

import dev.hotline.server.ServerContext;
import dev.hotline.server.swank.SwankHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Chooses between the two framed dialects from the first message after authentication: {@code (:emacs-rex ...)}
 * is SLIME, anything else is Hotline's native protocol. It replaces itself and passes the message on.
 */
final class FramedDialectSwitch extends ChannelInboundHandlerAdapter {
    private final ServerContext context;

    FramedDialectSwitch(ServerContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof String text && SwankHandler.isSwank(text)) {
            ctx.pipeline().replace(this, "swank", new SwankHandler(context));
        } else {
            ctx.pipeline().replace(this, "native", new NativeHandler(context));
        }
        ctx.fireChannelRead(msg);
    }
}
