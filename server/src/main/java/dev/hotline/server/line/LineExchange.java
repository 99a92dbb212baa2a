package dev.hotline.server.line;

import dev.hotline.server.exchange.Exchange;
import dev.hotline.server.exchange.OutputTarget;
import io.netty.channel.Channel;

/**
 * One line of line mode, the line dialect's {@link Exchange}: everything it produces (output, values, errors,
 * a command's text) is plain text, and it ends, with nothing more to send, once the line's work is done.
 */
final class LineExchange extends Exchange {
    LineExchange(Channel channel) {
        super(channel);
    }

    /** Sends text to the client, unless the line has ended. */
    void write(String text) {
        if (!text.isEmpty()) {
            send(text);
        }
    }

    /** The line's work is done. */
    void end() {
        finish(null, () -> { });
    }

    @Override
    protected void writeOutput(OutputTarget.Stream stream, String text) {
        write(text);
    }

    @Override
    protected String dialect() {
        return "line";
    }

    @Override
    protected void refuse(String message) {
        write("error: " + message + "\n");
        end();
    }

    @Override
    public void abandoned(String reason) {
        write("error: " + reason + "\n");
        end();
    }

    @Override
    public void failed(String message) {
        abandoned(message);
    }
}
