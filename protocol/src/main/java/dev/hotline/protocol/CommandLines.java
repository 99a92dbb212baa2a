package dev.hotline.protocol;

/**
 * Which lines are slash commands ({@code /vars}, {@code /drop twice}) rather than Java: one rule for line
 * mode, {@code hotline eval} and the REPL. A command is a line that starts, after white space, with a slash
 * and a letter, where no snippet is pending; {@code //} and {@code /*} start Java comments.
 */
public final class CommandLines {
    private CommandLines() {
    }

    /** Whether {@code line} reads as a command, if it comes where a new snippet could start. */
    public static boolean isCommand(String line) {
        String text = line.strip();
        return text.length() > 1 && text.charAt(0) == '/' && Character.isLetter(text.charAt(1));
    }
}
