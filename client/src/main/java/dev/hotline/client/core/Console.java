package dev.hotline.client.core;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output and error as UTF-8 writers that flush each line, whatever the platform's
 * default charset: what commands print for people and scripts.
 */
public final class Console {
    private Console() {
    }

    public static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    }

    public static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    }
}
