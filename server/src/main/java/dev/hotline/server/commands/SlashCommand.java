package dev.hotline.server.commands;

/**
 * A {@code /command}, typed in line mode or in the REPL.
 *
 * @param name the command without its slash
 * @param usage arguments, as {@code /help} shows them
 * @param doc one line of help
 * @param action what it does
 */
public record SlashCommand(String name, String usage, String doc, Action action) {

    /** Runs the command. */
    @FunctionalInterface
    public interface Action {
        void run(CommandContext context, String arguments);
    }
}
