package dev.hotline.client.core;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output and error as UTF-8 writers, whatever the platform's default charset: what
 * commands print for people and scripts.
 */
public final class Console {
    private Console() {
    }

    /** Standard output, flushed at each line. */
    public static PrintWriter stdout() {
        return writer(FileDescriptor.out, true);
    }

    /** Standard error, flushed at each line. */
    public static PrintWriter stderr() {
        return writer(FileDescriptor.err, true);
    }

    /**
     * A stream that the caller flushes itself, at the end of each piece of a reply: a script's output of many
     * lines is then written in a few system calls.
     */
    public static PrintWriter unflushed(FileDescriptor stream) {
        return writer(stream, false);
    }

    private static PrintWriter writer(FileDescriptor stream, boolean flushEachLine) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(stream), StandardCharsets.UTF_8), flushEachLine);
    }
}
