package dev.hotline.server;

import dev.hotline.server.eval.OutputCapture;

/**
 * Hotline's few log lines, written to the application's own standard error with a {@code hotline:}
 * prefix so they stand out in the service's log. Never given a token or a snippet's text.
 */
public final class ServerLog {
    private ServerLog() {
    }

    public static void info(String message) {
        OutputCapture.applicationErr().println("hotline: " + message);
    }

    public static void warn(String message) {
        OutputCapture.applicationErr().println("hotline: WARNING: " + message);
    }
}
