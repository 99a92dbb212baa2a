package dev.hotline.server.line;

/**
 * A {@code /command} of the line protocol (and, through the same names, of the REPL).
 *
 * @param name the command without its slash
 * @param usage arguments, as shown by {@code /help}
 * @param doc one line of help
 * @param action what it does
 */
public record SlashCommand(String name, String usage, String doc, Action action) {

    /** Runs a command for one line connection. */
    @FunctionalInterface
    public interface Action {
        void run(LineConnection connection, String arguments);
    }
}
