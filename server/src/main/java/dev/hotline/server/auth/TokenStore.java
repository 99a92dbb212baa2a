package dev.hotline.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shared secret that guards the port. A token is {@code hl_} followed by 43 base64url characters
 * (32 bytes from {@link SecureRandom}); it never starts with six hex digits, so a token line is never
 * mistaken for a frame header. The token file is reused across restarts while it is well-formed and
 * as private as it was made (mode 0600, or 0640 for the observe token), so {@code ~/.slime-secret} and scripts keep
 * working; delete it to rotate.
 */
public final class TokenStore {
    private static final Pattern FORMAT = Pattern.compile("hl_[A-Za-z0-9_-]{43}");
    /** Mode 0600, the operate token's. */
    public static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    /** Mode 0640, the observe token's: its group may read it. */
    public static final Set<PosixFilePermission> GROUP_READABLE = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ);

    private final byte[] token;

    private TokenStore(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Loads the token from {@code file}, or creates a new one there.
     *
     * @param mode the file's mode; a file with another mode is replaced
     * @param writer writes a file atomically with a mode
     */
    public static TokenStore loadOrCreate(Path file, Set<PosixFilePermission> mode, FileWriter writer)
            throws IOException {
        if (Files.isRegularFile(file) && Files.getPosixFilePermissions(file).equals(mode)) {
            String existing = Files.readString(file).strip();
            if (FORMAT.matcher(existing).matches()) {
                return new TokenStore(existing);
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String fresh = "hl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writer.write(file, fresh + "\n", mode);
        return new TokenStore(fresh);
    }

    /** Compares in constant time; surrounding white space (a trailing newline from a file) is ignored. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(token, presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A file writer that may fail with {@link IOException}. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file, String content, Set<PosixFilePermission> mode) throws IOException;
    }
}
