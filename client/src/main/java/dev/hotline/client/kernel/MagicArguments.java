package dev.hotline.client.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A magic's line after its name: words (double quotes keep spaces in one) and {@code --option VALUE} pairs.
 */
final class MagicArguments {
    private final List<String> words = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    MagicArguments(String line) throws CellFailure {
        List<String> tokens = tokens(line);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.startsWith("--")) {
                if (i + 1 == tokens.size()) {
                    throw new CellFailure("UsageError", token + " needs a value", List.of(token + " needs a value"));
                }
                options.put(token.substring(2), tokens.get(++i));
            } else {
                words.add(token);
            }
        }
    }

    List<String> words() {
        return words;
    }

    /** The first word; a usage error naming {@code what} when there is none. */
    String first(String usage) throws CellFailure {
        if (words.isEmpty()) {
            throw new CellFailure("UsageError", "usage: " + usage, List.of("usage: " + usage));
        }
        return words.get(0);
    }

    String option(String name) {
        return options.get(name);
    }

    /** A whole-number option, {@code otherwise} when absent. */
    long number(String name, long otherwise) throws CellFailure {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            String message = "--" + name + " takes a whole number, got " + value;
            throw new CellFailure("UsageError", message, List.of(message));
        }
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                current = current == null ? new StringBuilder() : current;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (current != null) {
                    tokens.add(current.toString());
                    current = null;
                }
            } else {
                current = current == null ? new StringBuilder() : current;
                current.append(c);
            }
        }
        if (current != null) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
