package dev.hotline.server.ops;

import dev.hotline.protocol.FrameException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.SexpReader;
import dev.hotline.protocol.Wire;
import dev.hotline.server.channel.RequestsInFlight;
import dev.hotline.server.exchange.RoleTable;
import dev.hotline.server.service.Service;
import dev.hotline.server.support.ServerLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.Optional;

/**
 * The native dialect: each frame is a plist request, dispatched to its {@link Op} as a {@link Request}.
 * Whatever is wrong with a frame gets an error reply with status {@code (:error KIND :done)}; only framing
 * that cannot be trusted any more closes the connection. A client that closes its sending side still gets
 * the answers to what it sent.
 */
public final class NativeHandler extends SimpleChannelInboundHandler<Object> {
    private final Service service;
    private final OpRegistry ops;
    private ClientConnection connection;

    public NativeHandler(Service service, OpRegistry ops) {
        this.service = service;
        this.ops = ops;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new ClientConnection(ctx.channel(), service);
        service.addListener(ctx.channel());
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
        Optional<Op> op = ops.find(opName.get());
        if (op.isEmpty()) {
            ctx.writeAndFlush(errorReply(id, Wire.UNKNOWN_OP,
                    "unknown op '" + opName.get() + "'; the describe op lists the known ones"));
            return;
        }
        Request request = new Request(message, connection);
        boolean unsafe = message.flag("unsafe");
        if (!request.permits(opName.get(), RoleTable.nativeOp(opName.get(), unsafe))) {
            return;
        }
        try {
            op.get().handle(request);
        } catch (BadRequestException e) {
            request.fail(Wire.BAD_REQUEST, e.getMessage(), Plist.builder());
        } catch (RuntimeException e) {
            ServerLog.warn("op " + opName.get() + " failed: " + e);
            request.failed("op " + opName.get() + " failed inside Hotline: " + e);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            RequestsInFlight.closeWhenDone(ctx.channel());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ServerLog.warn("closing connection from " + ctx.channel().remoteAddress() + " after an error: " + cause);
        ctx.close();
    }

    /** The answer to a frame that never became a request (it has no op, or could not be read). */
    private static Sexp errorReply(Optional<Sexp> id, String kind, String message) {
        return Wire.failed(Plist.builder().putIfPresent(Wire.ID, id), kind, message).build().toSexp();
    }
}
