package dev.hotline.server.eval;

import jdk.jshell.EvalException;
import jdk.jshell.spi.ExecutionControl;

/** Renders exceptions thrown by snippets the way a developer wants to read them. */
final class StackTraces {
    private StackTraces() {
    }

    /**
     * The trace of a snippet's exception and its causes, each cut below the snippet's own frames: the
     * reflective calls and JShell's execution engine under them say nothing about the user's code.
     */
    static String render(Exception e) {
        StringBuilder sb = new StringBuilder();
        Throwable current = e;
        String prefix = "";
        int depth = 0;
        while (current != null && depth++ < 16) {
            sb.append(prefix).append(className(current));
            if (current.getMessage() != null) {
                sb.append(": ").append(current.getMessage());
            }
            sb.append('\n');
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < userFrameCount(frames); i++) {
                sb.append("\tat ").append(render(frames[i])).append('\n');
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return sb.toString();
    }

    /**
     * JShell rewrites snippet frames to an empty class with file {@code #ID}: shown as jshell does, as
     * {@code fail (#3:1)} inside a snippet's method, {@code (#5:1)} at a snippet's top level.
     */
    private static String render(StackTraceElement frame) {
        if (frame.getClassName().isEmpty() && frame.getFileName() != null) {
            String method = frame.getMethodName().isEmpty() ? "" : frame.getMethodName() + " ";
            return method + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
        }
        return frame.toString();
    }

    static String className(Throwable t) {
        if (t instanceof EvalException ee) {
            return ee.getExceptionClassName();
        }
        return t instanceof ExecutionControl.UserException ue ? ue.causeExceptionClass() : t.getClass().getName();
    }

    /** Frames up to and including the last snippet frame; all of them when no snippet frame is found. */
    private static int userFrameCount(StackTraceElement[] frames) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (frames[i].getClassName().startsWith("REPL.")) {
                return i + 1;
            }
        }
        int n = 0;
        while (n < frames.length && !frames[n].getClassName().startsWith("jdk.jshell.")) {
            n++;
        }
        return n;
    }
}
