package dev.hotline.server.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source line to probe, as typed: {@code CLASS:LINE} ({@code com.acme.Pricing:42}, or a simple name that only
 * one loaded class has) or {@code FILE.java:LINE} ({@code Pricing.java:42}, the file's top-level class). The
 * line may be in the class itself, a nested class or a lambda of it.
 *
 * @param className the class as typed, without {@code .java}
 * @param line the line number, 1 or more
 */
record LinePlace(String className, int line) {
    private static final Pattern SYNTAX = Pattern.compile("([\\w.$]+?)(\\.java)?:(\\d+)");

    /** @throws IllegalArgumentException saying what is wrong with {@code text} and what it should look like */
    static LinePlace parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches() || Integer.parseInt(m.group(3)) < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a line to probe; write CLASS:LINE (as in"
                    + " com.acme.Pricing:42) or FILE.java:LINE (as in Pricing.java:42)");
        }
        return new LinePlace(m.group(1), Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return className + ":" + line;
    }
}
