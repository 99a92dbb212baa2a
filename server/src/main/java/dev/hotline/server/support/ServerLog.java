package dev.hotline.server.support;

/**
 * Hotline's few log lines, written to the application's own standard error with a {@code hotline:}
 * prefix so they stand out in the service's log. Never given a token or a snippet's text.
 */
public final class ServerLog {
    private ServerLog() {
    }

    public static void info(String message) {
        ApplicationStreams.err().println("hotline: " + message);
    }

    public static void warn(String message) {
        ApplicationStreams.err().println("hotline: WARNING: " + message);
    }
}
