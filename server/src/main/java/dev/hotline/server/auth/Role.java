package dev.hotline.server.auth;

import java.util.Locale;

/**
 * What a connection may do, from the credential it came in with. {@link #OBSERVE} looks: status, threads, dumps,
 * traces and probes that only read, profiles, the audit log, completion and documentation. {@link #OPERATE} also
 * changes: evaluation, reload, revert, snapshot, shutdown, detach, probes with {@code --unsafe}. Which request needs
 * which is the exchange's role table.
 */
public enum Role {
    OBSERVE, OPERATE;

    /** Whether a connection with this role may do what needs {@code needed}. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role as users write it: {@code observe}, {@code operate}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
