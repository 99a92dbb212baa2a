package dev.hotline.server.swank;

import dev.hotline.protocol.FrameException;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.SexpReader;
import dev.hotline.server.service.Service;
import dev.hotline.server.support.ServerLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.List;

/**
 * The Swank dialect, for Emacs SLIME: frames carry {@code (:emacs-rex FORM PACKAGE THREAD ID)} requests,
 * answered by {@link SwankRpcs}, and {@code (:emacs-interrupt THREAD)}, which opens the debugger where the running
 * evaluation is (see {@link SwankDebugger}).
 * Requests are read while evaluations run on the sessions' workers, so an interrupt arrives during a loop.
 * A message that cannot be read is reported in Emacs' echo area and the connection goes on; only framing
 * that cannot be trusted any more closes it.
 */
public final class SwankHandler extends SimpleChannelInboundHandler<Object> {
    private final Service service;
    private final SwankRpcs rpcs;
    private SwankConnection connection;

    public SwankHandler(Service service) {
        this.service = service;
        this.rpcs = new SwankRpcs(service);
    }

    /** Whether a framed connection's first message (after the token, if any) is Swank's. */
    public static boolean isSwank(String firstMessage) {
        return firstMessage.stripLeading().startsWith("(:emacs-rex");
    }

    /** The ID of an {@code (:emacs-rex ...)} request's text, or nil when it cannot be read. */
    public static Sexp requestId(String rex) {
        try {
            return SexpReader.DEFAULT.read(rex) instanceof Sexp.Lst l && l.size() == 5 ? l.get(4) : Sexp.NIL;
        } catch (ProtocolException e) {
            return Sexp.NIL;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new SwankConnection(ctx.channel(), service);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrameException e) {
            connection.backgroundMessage("Hotline: " + e.getMessage());
            if (!e.kind().recoverable()) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        Sexp message;
        try {
            message = SexpReader.DEFAULT.read((String) msg);
        } catch (ProtocolException e) {
            connection.backgroundMessage("Hotline could not read a message: " + e.getMessage());
            return;
        }
        if (!(message instanceof Sexp.Lst list) || list.isEmpty() || !(list.get(0) instanceof Sexp.Kw head)) {
            connection.backgroundMessage("Hotline ignores a message that is not a Swank event: " + abbreviate(message));
            return;
        }
        switch (head.name()) {
            case "emacs-rex" -> request(list);
            case "emacs-interrupt" -> connection.interruptFromEmacs();
            case "emacs-pong", "emacs-return-string", "emacs-return" -> { }
            default -> connection.backgroundMessage("Hotline does not handle :" + head.name());
        }
    }

    /** {@code (:emacs-rex FORM PACKAGE THREAD ID)}. */
    private void request(Sexp.Lst rex) {
        if (rex.size() != 5 || !(rex.get(1) instanceof Sexp.Lst form) || form.isEmpty()
                || !(form.get(0) instanceof Sexp.Sym rpc)) {
            connection.backgroundMessage("Hotline ignores a malformed :emacs-rex: " + abbreviate(rex));
            return;
        }
        List<Sexp> args = form.items().subList(1, form.size());
        rpcs.dispatch(new SwankCall(rpc.localName(), args, rex.get(2), rex.get(4), connection));
    }

    /** SLIME never half-closes: input ending means Emacs is gone, and nothing is left to answer. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ServerLog.warn("closing SLIME connection from " + ctx.channel().remoteAddress() + " after an error: " + cause);
        ctx.close();
    }

    private static String abbreviate(Sexp message) {
        String text = message.print();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
