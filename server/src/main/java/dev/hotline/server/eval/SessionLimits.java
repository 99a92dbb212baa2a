package dev.hotline.server.eval;

/**
 * What bounds a session, and how hard its runaway evaluations are stopped, from the agent's options.
 *
 * @param recycleAfter snippets a JShell evaluates before the session moves to a fresh one, 0 for never
 * @param maxOutputBytes output one request may produce; beyond it the rest is dropped, with a note
 * @param maxValueChars longest value string sent back; longer ones are cut, with a note
 * @param stopThreads whether an interrupt that JShell cannot carry out stops the thread with JVMTI
 *        ({@link ThreadStopper}) before the session abandons it
 * @param evalTimeoutSeconds a client's request still running after this long is interrupted, 0 for never
 * @param exitGuard whether evaluated code is kept from exiting the JVM ({@code ExitGuardInstaller})
 */
public record SessionLimits(int recycleAfter, long maxOutputBytes, int maxValueChars, boolean stopThreads,
        int evalTimeoutSeconds, boolean exitGuard) {

    /** A value as sent back: {@code value}, or its first {@link #maxValueChars} characters and a note. */
    String cut(String value) {
        if (value == null || value.length() <= maxValueChars) {
            return value;
        }
        return value.substring(0, maxValueChars) + "... [cut by Hotline: " + value.length() + " characters in all;"
                + " agent option max-value]";
    }
}
