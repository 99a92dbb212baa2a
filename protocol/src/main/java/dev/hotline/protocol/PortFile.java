package dev.hotline.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a service's port file ({@code NAME.port}) says: the TCP port on its first line, and, when the port speaks
 * TLS ({@code tls=true}), a second line {@code tls sha256:HEX} with the SHA-256 fingerprint of the certificate the
 * service presents, which clients pin. Lines after those are ignored, so a later version can add its own.
 *
 * @param port the port
 * @param tlsFingerprint {@code sha256:} and 64 lower-case hex digits, or empty when the port is plain TCP
 */
public record PortFile(int port, Optional<String> tlsFingerprint) {
    private static final String TLS = "tls ";

    /**
     * Reads {@code file}.
     *
     * @throws IOException when it cannot be read, or does not start with a port
     */
    public static PortFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    }

    /** Parses a port file's {@code content}; {@code file} names it in the error. */
    public static PortFile parse(String content, Path file) throws IOException {
        String[] lines = content.strip().split("\n");
        int port;
        try {
            port = Integer.parseInt(lines[0].strip());
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not start with a port: " + lines[0].strip());
        }
        Optional<String> fingerprint = Optional.empty();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith(TLS)) {
                fingerprint = Optional.of(lines[i].substring(TLS.length()).strip());
            }
        }
        return new PortFile(port, fingerprint);
    }

    /**
     * The fingerprint of a certificate, as the port file writes it: {@code sha256:} and the 64 lower-case hex digits
     * of the SHA-256 of its DER encoding. The service computes it of its own certificate, clients of the one they
     * are shown.
     */
    public static String fingerprintOf(byte[] encodedCertificate) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encodedCertificate));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The file's content. */
    public String content() {
        return port + "\n" + tlsFingerprint.map(f -> TLS + f + "\n").orElse("");
    }
}
