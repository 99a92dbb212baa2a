package dev.hotline.server.support;

import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writing a service's run files ({@code NAME.port}, {@code NAME.token}...; their names are {@link RunDirectory}'s):
 * atomically (a temporary file, fsync, rename), so a reader sees the old content or the new, never half of it,
 * with mode 0600 (the directory itself is {@link RunDirectory#create()}'s).
 */
public final class RunFiles {
    /** Mode 0600: what every file Hotline writes for a service gets, the token and the image among them. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private RunFiles() {
    }

    /** Replaces {@code target}'s content atomically; the file is created with mode 0600. */
    public static void writeAtomically(Path target, String content) throws IOException {
        writeAtomically(target, content, OWNER_ONLY);
    }

    /** Replaces {@code target}'s content atomically; the file is created with {@code mode}. */
    public static void writeAtomically(Path target, String content, Set<PosixFilePermission> mode) throws IOException {
        writeAtomically(target, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    /** Replaces {@code target}'s content atomically with {@code content}; the file is created with {@code mode}. */
    public static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(mode))) {
            Files.setPosixFilePermissions(tmp, mode); // what the umask took away
            ch.write(ByteBuffer.wrap(content));
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
