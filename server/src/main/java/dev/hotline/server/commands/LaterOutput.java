package dev.hotline.server.commands;

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
}
