package dev.hotline.server.eval;

import dev.hotline.server.exchange.OutputTarget;
import dev.hotline.server.support.ApplicationStreams;
import java.io.PrintStream;

/**
 * Routes {@code System.out} and {@code System.err} per thread. Installed once, when the first session
 * starts: both streams are replaced by streams that look up the writing thread's {@link OutputRouter}
 * (an inheritable thread-local set on session threads, so threads a snippet starts inherit it) and print to its
 * stream, each with a lock of its own ({@link ThreadPrintStream}). Threads without one, such as all of the
 * application's own threads, write to the original streams unchanged.
 */
public final class OutputCapture {
    private static final InheritableThreadLocal<OutputRouter> ROUTER = new InheritableThreadLocal<>();
    private static boolean installed;

    private OutputCapture() {
    }

    /** Replaces the standard streams, once per JVM; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        System.setOut(new ThreadPrintStream(ApplicationStreams.out(), () -> current(OutputTarget.Stream.OUT)));
        System.setErr(new ThreadPrintStream(ApplicationStreams.err(), () -> current(OutputTarget.Stream.ERR)));
    }

    /** Makes the current thread, and threads it starts from now on, write to {@code router}. */
    static void bindCurrentThread(OutputRouter router) {
        ROUTER.set(router);
    }

    /** The application's own stream, where output nobody receives any more ends up. */
    static PrintStream original(OutputTarget.Stream stream) {
        return stream == OutputTarget.Stream.OUT ? ApplicationStreams.out() : ApplicationStreams.err();
    }

    /** The stream the current thread prints to: its session's while it captures, else the application's. */
    private static PrintStream current(OutputTarget.Stream stream) {
        OutputRouter router = ROUTER.get();
        return router != null && router.capturing() ? router.printStream(stream) : original(stream);
    }
}
