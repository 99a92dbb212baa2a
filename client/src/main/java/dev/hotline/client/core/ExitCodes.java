package dev.hotline.client.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code hotline} command, one table, part of its interface: scripts and init systems
 * branch on them. {@code status} follows the LSB's codes for init scripts (0 running, 1 dead with a pid file
 * left, 3 not running, 4 unknown), and the other commands give each code the same meaning.
 */
public final class ExitCodes {
    /** Done; for {@code status}: the service runs. */
    public static final int OK = 0;
    /** The code or the action failed (an exception, a compile error, an interrupt; a start or stop that did not
     * happen); for {@code status}: the service is not running, but its pid file remains. */
    public static final int FAILED = 1;
    /** The command line or the config is wrong. */
    public static final int USAGE = 2;
    /** The service is not running, cannot be reached, or refused the token. */
    public static final int UNREACHABLE = 3;
    /** The outcome is unknown: no answer within {@code --timeout}, or the service's state cannot be read. */
    public static final int UNKNOWN = 4;

    /** The table as {@code --help} shows it under "Exit codes". */
    public static final Map<String, String> HELP = help();

    private ExitCodes() {
    }

    private static Map<String, String> help() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put(String.valueOf(OK), "done; status: running");
        help.put(String.valueOf(FAILED), "the code or the action failed; status: not running, pid file left (hotline zap)");
        help.put(String.valueOf(USAGE), "wrong command line or config");
        help.put(String.valueOf(UNREACHABLE), "not running, unreachable, or the token was refused");
        help.put(String.valueOf(UNKNOWN), "timed out (no answer within --timeout); status: state unknown (pid file unreadable)");
        return help;
    }
}
