package dev.hotline.server.commands;

import dev.hotline.server.channel.RequestsInFlight;
import io.netty.channel.Channel;
import java.util.function.Function;

/**
 * A client's line for text that comes after its command has answered: the calls of a trace it started. Line mode
 * writes the text as it is; the REPL gets it as an event and prints it above its prompt.
 */
public interface LaterOutput {
    /** False once the client has gone. */
    boolean isOpen();

    /** Whether the client can take more text now. */
    boolean isWritable();

    /** Writes one or more lines of text; they are sent by {@link #flush}. */
    void write(String text);

    /** Sends what was written. */
    void flush();

    /**
     * Text for a client on {@code channel}, open while the client is there, each piece sent as
     * {@code asMessage} makes it (plain text in line mode, an event for the REPL).
     */
    static LaterOutput on(Channel channel, Function<String, Object> asMessage) {
        return new LaterOutput() {
            @Override
            public boolean isOpen() {
                return RequestsInFlight.clientPresent(channel);
            }

            @Override
            public boolean isWritable() {
                return channel.isWritable();
            }

            @Override
            public void write(String text) {
                channel.write(asMessage.apply(text));
            }

            @Override
            public void flush() {
                channel.flush();
            }
        };
    }
}
