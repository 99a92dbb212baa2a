package dev.hotline.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The samples' {@code --port-file}: the HTTP port, written aside and renamed into place, so whoever waits for
 * the file to appear never reads it empty or half written.
 */
public final class PortFile {
    private PortFile() {
    }

    public static void write(Path file, int port) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(aside, port + "\n");
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
