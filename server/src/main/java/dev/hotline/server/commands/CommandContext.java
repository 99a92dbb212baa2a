package dev.hotline.server.commands;

import dev.hotline.server.eval.Session;
import dev.hotline.server.exchange.Exchange;
import dev.hotline.server.service.Service;

/**
 * What a slash command may use. Commands run on their session's worker, after the work queued before them,
 * so they see the session as the previous input left it.
 */
public interface CommandContext {
    Service server();

    Session session();

    /** The session's evaluator, for this command's run. */
    Session.Evaluation evaluation();

    /** The exchange the command answers, for the audit log. */
    Exchange exchange();

    /** Writes text to whoever typed the command. */
    void write(String text);

    /** Ends the client's connection (line mode) or tells the client to end it (REPL). */
    void close();

    /** Runs {@code action} once everything written so far has been sent. */
    void afterOutput(Runnable action);

    /** Who typed the command (its connection): traces it starts end with it, and {@code /untrace} goes by it. */
    Object client();

    /** Where text goes that comes after the command has answered, such as a trace's calls. */
    LaterOutput later();
}
