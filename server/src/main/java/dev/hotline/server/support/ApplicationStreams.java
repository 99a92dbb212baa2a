package dev.hotline.server.support;

import java.io.PrintStream;

/**
 * The application's own standard streams, as they were when Hotline first used them (the server's start, before
 * output capture replaces {@code System.out} and {@code System.err}): where Hotline's log lines go, and
 * captured output that no client receives any more.
 */
public final class ApplicationStreams {
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private ApplicationStreams() {
    }

    public static PrintStream out() {
        return OUT;
    }

    public static PrintStream err() {
        return ERR;
    }
}
