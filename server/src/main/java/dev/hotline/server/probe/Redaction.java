package dev.hotline.server.probe;

import java.util.regex.Pattern;

/**
 * Names whose values a probe never shows: locals (and a message's {@code {name}}) called like a secret are shown as
 * {@value #HIDDEN}, whatever they hold.
 */
final class Redaction {
    static final String HIDDEN = "***";
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|key|credential).*");

    private Redaction() {
    }

    /** Whether a local or expression named {@code name} is hidden. */
    static boolean hides(String name) {
        return SECRET.matcher(name.strip()).matches();
    }
}
