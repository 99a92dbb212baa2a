package dev.hotline.server.pipeline;

import dev.hotline.server.ops.NativeHandler;
import dev.hotline.server.ops.OpRegistry;
import dev.hotline.server.service.Service;
import dev.hotline.server.swank.SwankHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Chooses between the two framed dialects from the first message after authentication: {@code (:emacs-rex ...)}
 * is SLIME, anything else is Hotline's native protocol. It replaces itself and passes the message on.
 */
final class FramedDialectSwitch extends ChannelInboundHandlerAdapter {
    private final Service service;
    private final OpRegistry ops;

    FramedDialectSwitch(Service service, OpRegistry ops) {
        this.service = service;
        this.ops = ops;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof String text && SwankHandler.isSwank(text)) {
            ctx.pipeline().replace(this, "swank", new SwankHandler(service));
        } else {
            ctx.pipeline().replace(this, "native", new NativeHandler(service, ops));
        }
        ctx.fireChannelRead(msg);
    }
}
