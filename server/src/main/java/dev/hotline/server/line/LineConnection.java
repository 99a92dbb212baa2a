package dev.hotline.server.line;

import dev.hotline.server.ServerContext;

/** What a slash command may do with the line connection that typed it. */
public interface LineConnection {
    ServerContext context();

    /** Writes text to the client as is. */
    void write(String text);

    /** Closes the connection once everything written so far has been sent. */
    void close();
}
