package dev.hotline.server.line;

import dev.hotline.server.commands.LaterOutput;
import dev.hotline.server.commands.SessionCommandContext;
import dev.hotline.server.commands.SlashCommands;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.exchange.Exchange;
import dev.hotline.server.exchange.RoleTable;
import dev.hotline.server.service.Service;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;
import java.util.Optional;

/**
 * The line dialect, for {@code nc}, {@code bash /dev/tcp}, tmux send-keys and expect: Java lines in, plain
 * text out. Lines accumulate until they form complete snippets, which then run in session {@code main}.
 * A line starting with {@code /} (outside a snippet) is a command (see {@link LineAssembler}). When the
 * client shuts down its sending side ({@code nc -N}), the input already sent is evaluated, then the
 * connection closes.
 *
 * <p>All work, including the completeness check, runs on the session's worker in arrival order, so the
 * answers come back in the order the lines were sent.
 */
public final class LineModeHandler extends SimpleChannelInboundHandler<String> {

    private static final String DISCARDED =
            "it is discarded, and the connection closed so that none of its other lines run";

    private final Service service;
    private final LineAssembler lines; // touched only on the session's worker
    private boolean closing; // likewise: once set, lines still queued are not looked at
    private Session session;
    private Channel channel;

    public LineModeHandler(Service service) {
        this.service = service;
        this.lines = new LineAssembler(service.options().maxFrameBytes());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        session = service.sessions().named(SessionRegistry.DEFAULT_SESSION);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        LineExchange exchange = new LineExchange(channel);
        session.run(exchange, evaluation -> {
            try {
                onLine(line, evaluation, exchange);
            } finally {
                exchange.end();
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            session.submit(evaluation -> {
                if (!lines.pending().isBlank()) {
                    write("error: input ended inside an unfinished snippet:\n" + lines.pending());
                }
                close();
            });
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            String tooLong = "error: line longer than " + service.options().maxFrameBytes() + " bytes";
            session.submit(evaluation -> {
                if (!closing) {
                    lines.lineSkipped().ifPresentOrElse(
                            discarded -> closeWith(tooLong + " inside a snippet: " + DISCARDED),
                            () -> write(tooLong + ", ignored\n"));
                }
            });
        } else {
            ctx.close();
        }
    }

    private void onLine(String line, Session.Evaluation evaluation, LineExchange exchange) {
        if (closing) {
            return;
        }
        Optional<LineAssembler.Input> input = lines.accept(line, evaluation::isComplete);
        if (input.isEmpty()) {
            return;
        }
        if (input.get() instanceof LineAssembler.Input.Command command) {
            SlashCommands.standard().run(command.line(), new LineCommandContext(evaluation, exchange));
        } else if (input.get() instanceof LineAssembler.Input.Snippet snippet) {
            if (!exchange.permits("evaluating Java", RoleTable.snippet())) {
                return;
            }
            evaluation.eval(snippet.code(), exchange, outcome -> exchange.write(LineRenderer.render(outcome)));
        } else if (input.get() instanceof LineAssembler.Input.Discarded) {
            closeWith("error: snippet longer than " + service.options().maxFrameBytes()
                    + " characters and still incomplete: " + DISCARDED);
        }
    }

    private void write(String text) {
        if (!text.isEmpty()) {
            channel.writeAndFlush(text);
        }
    }

    /** Writes {@code error} and closes: what follows a discarded snippet is the rest of it, not new input. */
    private void closeWith(String error) {
        closing = true;
        channel.config().setAutoRead(false);
        write(error + "\n");
        close();
    }

    private void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Commands typed on this connection write to it as plain text. */
    private final class LineCommandContext extends SessionCommandContext {
        private final LineExchange exchange;

        LineCommandContext(Session.Evaluation evaluation, LineExchange exchange) {
            super(service, session, evaluation);
            this.exchange = exchange;
        }

        @Override
        public void write(String text) {
            exchange.write(text);
        }

        @Override
        public void close() {
            LineModeHandler.this.close();
        }

        @Override
        public void afterOutput(Runnable action) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> action.run());
        }

        @Override
        public Object client() {
            return channel;
        }

        @Override
        public Exchange exchange() {
            return exchange;
        }

        @Override
        public LaterOutput later() {
            return LaterOutput.on(channel, text -> text);
        }
    }
}
