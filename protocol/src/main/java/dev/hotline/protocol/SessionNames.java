package dev.hotline.protocol;

import java.util.regex.Pattern;

/** What a session may be called: the server checks it, and the client checks it first to say so as a usage error. */
public final class SessionNames {
    /** The session every client uses unless it asks for another. */
    public static final String DEFAULT = "main";
    /** The prefix of throwaway sessions' names, which clients cannot choose. */
    public static final String EPHEMERAL_PREFIX = "anon-";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SessionNames() {
    }

    /** Whether {@code name} can name a session at all (throwaway sessions' names included). */
    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** Whether a client may ask for a session of this name. */
    public static boolean isChoosable(String name) {
        return isValid(name) && !name.startsWith(EPHEMERAL_PREFIX);
    }

    /** What to say about a name a client may not choose. */
    public static String invalid(String name) {
        return "invalid session name '" + name + "': use 1 to 64 letters, digits, '.', '_' or '-' (names starting with "
                + EPHEMERAL_PREFIX + " are reserved)";
    }
}
