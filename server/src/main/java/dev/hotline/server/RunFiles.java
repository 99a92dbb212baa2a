package dev.hotline.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The files a service keeps in its run directory, named after the service: {@code NAME.port},
 * {@code NAME.token} and so on. Files are written atomically (a temporary file, fsync, rename), so a
 * reader sees the old content or the new, never half of it.
 */
public final class RunFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final String name;

    public RunFiles(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    public Path port() {
        return dir.resolve(name + ".port");
    }

    public Path token() {
        return dir.resolve(name + ".token");
    }

    /** Creates the run directory (mode 0700) if it does not exist yet. */
    public void createDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } catch (FileAlreadyExistsException e) {
                // created concurrently
            }
        }
    }

    /** Replaces {@code target}'s content atomically; the file is created with mode 0600. */
    public static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes {@code file} only if it still holds {@code expected}, so a newer owner's file survives. */
    public static void deleteIfContains(Path file, String expected) {
        try {
            if (Files.readString(file).equals(expected)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // already gone or unreadable: nothing of ours to remove
        }
    }
}
