package dev.hotline.server.net;

import dev.hotline.protocol.FrameException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.SexpReader;
import dev.hotline.protocol.Wire;
import dev.hotline.server.ServerContext;
import dev.hotline.server.ServerLog;
import dev.hotline.server.ops.BadRequestException;
import dev.hotline.server.ops.ClientConnection;
import dev.hotline.server.ops.Op;
import dev.hotline.server.ops.Request;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Optional;

/**
 * The native dialect: each frame is a plist request, dispatched to its {@link Op}. Whatever is wrong with a
 * frame gets an error reply with status {@code (:error KIND :done)}; only framing that cannot be trusted any
 * more closes the connection.
 */
public final class NativeHandler extends SimpleChannelInboundHandler<Object> {
    private final ServerContext context;
    private ClientConnection connection;

    public NativeHandler(ServerContext context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new ClientConnection(ctx.channel(), context);
        context.addNativeClient(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrameException e) {
            var reply = errorReply(Optional.empty(), Wire.BAD_REQUEST, e.getMessage());
            if (e.kind().recoverable()) {
                ctx.writeAndFlush(reply);
            } else {
                ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        Plist message;
        try {
            message = Plist.from(SexpReader.DEFAULT.read((String) msg));
        } catch (ProtocolException e) {
            ctx.writeAndFlush(errorReply(Optional.empty(), Wire.BAD_REQUEST, e.getMessage()));
            return;
        }
        Optional<Sexp> id = message.get(Wire.ID);
        Optional<String> opName = message.string(Wire.OP);
        if (opName.isEmpty()) {
            ctx.writeAndFlush(errorReply(id, Wire.BAD_REQUEST, "request has no :op"));
            return;
        }
        Optional<Op> op = context.ops().find(opName.get());
        if (op.isEmpty()) {
            ctx.writeAndFlush(errorReply(id, Wire.UNKNOWN_OP,
                    "unknown op '" + opName.get() + "'; the describe op lists the known ones"));
            return;
        }
        Request request = new Request(message, connection);
        try {
            op.get().handle(request);
        } catch (BadRequestException e) {
            request.fail(Wire.BAD_REQUEST, e.getMessage(), Plist.builder());
        } catch (RuntimeException e) {
            ServerLog.warn("op " + opName.get() + " failed: " + e);
            request.fail(Wire.SERVER_ERROR, "op " + opName.get() + " failed inside Hotline: " + e, Plist.builder());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            connection.inputEnded();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ServerLog.warn("closing connection from " + ctx.channel().remoteAddress() + " after an error: " + cause);
        ctx.close();
    }

    private static Sexp errorReply(Optional<Sexp> id, String kind, String message) {
        Plist.Builder reply = Plist.builder().putIfPresent(Wire.ID, id);
        return reply.put(Wire.STATUS, Sexp.list(Sexp.kw(Wire.ERROR), Sexp.kw(kind), Sexp.kw(Wire.DONE)))
                .put(Wire.MESSAGE, message).build().toSexp();
    }
}
