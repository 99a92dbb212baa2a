package dev.hotline.server.eval;

import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops the threads of a runaway evaluation with JVMTI {@code StopThread}, through a small native library
 * built from {@code src/main/c/hotline_stop.c} by the Maven build (Linux x86-64 and aarch64). That reaches a
 * loop in application or JDK code, which JShell's stop cannot from JDK 20 on. Where the library cannot load
 * (another platform, no JVMTI), {@link #isAvailable()} is false and sessions fall back to abandoning the
 * thread. Agent option {@code stop-threads=false} turns it off.
 */
final class ThreadStopper {
    private static final String LIBRARY = "native/linux-" + System.getProperty("os.arch") + "/libhotline_stop.so";
    private static final boolean AVAILABLE = load();

    private ThreadStopper() {
    }

    static boolean isAvailable() {
        return AVAILABLE;
    }

    /**
     * Throws an asynchronous error into every thread that is running code of {@code wrapperClass} (a snippet's
     * class: its thread, wherever its stack has got to).
     *
     * @return the names of the threads stopped
     */
    static List<String> stopThreadsRunning(String wrapperClass) {
        List<String> stopped = new ArrayList<>();
        if (!AVAILABLE) {
            return stopped;
        }
        for (Thread thread : SnippetThreads.running(wrapperClass).keySet()) {
            if (stopThread(thread, new EvaluationStopped()) == 0) {
                stopped.add(thread.getName());
            }
        }
        return stopped;
    }

    private static native int stopThread(Thread thread, Throwable exception);

    /** What a stopped evaluation's thread sees; the session reports the evaluation as interrupted. */
    static final class EvaluationStopped extends Error {
        private static final long serialVersionUID = 1L;

        EvaluationStopped() {
            super("evaluation stopped by Hotline (interrupt)");
        }
    }

    private static boolean load() {
        try (InputStream in = ThreadStopper.class.getClassLoader().getResourceAsStream(LIBRARY)) {
            if (in == null) {
                ServerLog.info("no native thread stopper for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + ": a loop in application code is abandoned, not stopped");
                return false;
            }
            Path file = Files.createTempFile("hotline-stop", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toString());
            return true;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            ServerLog.warn("the native thread stopper did not load (" + e + "): a loop in application code is"
                    + " abandoned, not stopped");
            return false;
        }
    }
}
