package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.protocol.CommandLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A script for {@code hotline eval} (its arguments or its standard input) cut into what runs in turn: Java, and
 * slash commands, as line mode and the REPL read them ({@link CommandLines}). A line that reads as a command
 * is one only where no snippet is pending: the server's completeness analysis is asked about the Java gathered
 * before it, so a script without commands costs no extra round trip.
 */
final class ScriptParts {
    /** One part: Java to evaluate, or a command line to run. */
    record Part(String text, boolean command) { }

    /** Whether some Java is complete; asked of the service. */
    @FunctionalInterface
    interface Completeness {
        boolean isComplete(String code) throws IOException, CliException;
    }

    private ScriptParts() {
    }

    static List<Part> split(String script, Completeness completeness) throws IOException, CliException {
        List<Part> parts = new ArrayList<>();
        StringBuilder java = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (CommandLines.isCommand(line) && (java.toString().isBlank() || completeness.isComplete(java.toString()))) {
                if (!java.toString().isBlank()) {
                    parts.add(new Part(java.toString(), false));
                }
                java.setLength(0);
                parts.add(new Part(line.strip(), true));
            } else {
                java.append(line).append('\n');
            }
        }
        if (parts.isEmpty() || !java.toString().isBlank()) {
            parts.add(new Part(parts.isEmpty() ? script : java.toString(), false));
        }
        return parts;
    }
}
