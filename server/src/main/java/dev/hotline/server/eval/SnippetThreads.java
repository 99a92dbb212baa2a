package dev.hotline.server.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** The threads running a snippet's code: those with a frame of its wrapper class anywhere on their stack. */
final class SnippetThreads {
    private SnippetThreads() {
    }

    /** Each such thread with its stack, innermost frame first. */
    static Map<Thread, StackTraceElement[]> running(String wrapperClass) {
        Map<Thread, StackTraceElement[]> running = new LinkedHashMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : e.getValue()) {
                if (frame.getClassName().equals(wrapperClass)) {
                    running.put(e.getKey(), e.getValue());
                    break;
                }
            }
        }
        return running;
    }
}
