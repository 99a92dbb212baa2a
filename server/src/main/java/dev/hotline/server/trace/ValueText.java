package dev.hotline.server.trace;

import java.util.Arrays;

/** Values of traced calls as text: strings and characters as Java literals, arrays by their elements, cut to a limit. */
public final class ValueText {
    private final int maxChars;

    /** @param maxChars the longest text kept (the service's {@code max-value}); longer ones are cut with a note */
    public ValueText(int maxChars) {
        this.maxChars = maxChars;
    }

    public String of(Object value) {
        String text;
        try {
            text = render(value);
        } catch (RuntimeException | LinkageError e) {
            text = "<toString() of " + value.getClass().getName() + " threw " + e + ">";
        }
        return cut(text);
    }

    /** {@code java.lang.IllegalArgumentException: no name}. */
    public String ofThrown(Throwable thrown) {
        try {
            return cut(thrown.toString());
        } catch (RuntimeException | LinkageError e) {
            return cut(thrown.getClass().getName());
        }
    }

    private String cut(String text) {
        return text.length() <= maxChars ? text
                : text.substring(0, maxChars) + "... (" + (text.length() - maxChars) + " more characters)";
    }

    private static String render(Object value) {
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
        if (value instanceof Character c) {
            return "'" + c + "'";
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value != null && value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|\\]$", "");
        }
        return String.valueOf(value);
    }
}
