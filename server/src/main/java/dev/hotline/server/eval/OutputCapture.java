package dev.hotline.server.eval;

import dev.hotline.server.exchange.OutputTarget;
import dev.hotline.server.support.ApplicationStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Routes {@code System.out} and {@code System.err} per thread. Installed once, when the first session
 * starts: both streams are replaced by streams that look up the writing thread's {@link OutputRouter}
 * (an inheritable thread-local set on session threads, so threads a snippet starts inherit it). Threads
 * without one, such as all of the application's own threads, write to the original streams unchanged.
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
        System.setOut(new PrintStream(new Routing(OutputTarget.Stream.OUT, ApplicationStreams.out()), true));
        System.setErr(new PrintStream(new Routing(OutputTarget.Stream.ERR, ApplicationStreams.err()), true));
    }

    /** Makes the current thread, and threads it starts from now on, write to {@code router}. */
    static void bindCurrentThread(OutputRouter router) {
        ROUTER.set(router);
    }

    /** The application's own stream, where output nobody receives any more ends up. */
    static PrintStream original(OutputTarget.Stream stream) {
        return stream == OutputTarget.Stream.OUT ? ApplicationStreams.out() : ApplicationStreams.err();
    }

    private static final class Routing extends OutputStream {
        private final OutputTarget.Stream stream;
        private final PrintStream original;

        Routing(OutputTarget.Stream stream, PrintStream original) {
            this.stream = stream;
            this.original = original;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            OutputRouter router = ROUTER.get();
            if (router != null && router.capturing()) {
                router.write(stream, b, off, len);
            } else {
                original.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            OutputRouter router = ROUTER.get();
            if (router != null && router.capturing()) {
                router.flush(stream);
            } else {
                original.flush();
            }
        }
    }
}
