package dev.hotline.server.support;

import java.io.IOException;
import java.nio.file.Path;

/** Words for a write that failed, saying so plainly when the cause is a full disk. */
public final class DiskErrors {
    private DiskErrors() {
    }

    /** Whether {@code e} is the operating system's "no space left on device" (or a quota exceeded). */
    public static boolean isFull(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    /**
     * What went wrong writing {@code file}: the exception's message, and when the disk is full, that the disk
     * holding it is full and space must be freed there.
     */
    public static String describe(IOException e, Path file) {
        return isFull(e) ? "the disk holding " + file.getParent() + " is full (" + e.getMessage() + "): free space"
                + " there" : e.getMessage();
    }
}
