package dev.hotline.server.support;

import dev.hotline.protocol.JsonStrings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Who ran what, where, when: one JSON object per line in {@code RUNDIR/NAME.audit.jsonl} (mode 0600) for every
 * request that runs or changes code, and every request refused for its role, from every dialect. Each line is
 * written with one {@code write} to a file opened for appending, so a crash loses at most the record being written,
 * never a line already there. When the file would pass its size limit it is rotated: {@code .1} to {@code .4} keep the older ones, five files in all.
 */
public final class AuditLog {
    /** What a record keeps of the code: the text and its hash, the hash alone, or no log at all. */
    public enum Mode { FULL, HASH, OFF }

    /** UTC, always with milliseconds ({@code Instant.toString} drops a zero fraction, which breaks sorting). */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Files kept: the current one and four rotated ones. */
    public static final int FILES = 5;

    /**
     * One request.
     *
     * @param dialect {@code native}, {@code line} or {@code swank}
     * @param peer the client's address
     * @param role the role its connection came in with: {@code observe} or {@code operate}
     * @param credential what granted the role: {@code token greeter.token}, {@code the Unix socket as user app}
     * @param origin where a bridged client comes from, as its bridge said, or empty
     * @param session the session it ran in, or empty
     * @param op {@code eval}, {@code reload}, {@code trace}, {@code snapshot}, {@code shutdown}...
     * @param code the code or arguments it ran with, or empty
     * @param outcome {@code ok}, or what went wrong
     * @param micros how long it took
     * @param classes the classes it redefined
     */
    public record Entry(String dialect, String peer, String role, String credential, String origin, String session,
            String op, String code, String outcome, long micros, List<String> classes) {
    }

    private final Path file;
    private final Mode mode;
    private final long maxBytes;
    private FileChannel channel; // guarded by this; opened on the first record
    private long lost; // guarded by this: records not written since the last one that was

    public AuditLog(Path file, Mode mode, long maxBytes) {
        this.file = file;
        this.mode = mode;
        this.maxBytes = maxBytes;
    }

    /** Appends a record; a failure to write is logged once and never reaches the request. */
    public synchronized void write(Entry entry) {
        if (mode == Mode.OFF) {
            return;
        }
        byte[] line = (json(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (channel != null && channel.size() + line.length > maxBytes) {
                rotate();
            }
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            append(line);
            if (lost > 0) {
                ServerLog.warn("the audit log " + file + " is written again; " + lost + " record(s) could not be"
                        + " written before this one");
                lost = 0;
            }
        } catch (IOException e) {
            if (lost++ == 0) {
                ServerLog.warn("cannot write the audit log " + file + ": " + DiskErrors.describe(e, file)
                        + "; requests go on, and the log says how many records it lost once it can write again");
            }
        }
    }

    /** Appends one line whole, or not at all: a write cut short (a full disk) is taken back. */
    private void append(byte[] line) throws IOException {
        long before = channel.size();
        ByteBuffer bytes = ByteBuffer.wrap(line);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            try {
                channel.truncate(before);
            } catch (IOException stillFailing) {
                e.addSuppressed(stillFailing);
            }
            throw e;
        }
    }

    /** Closes the file; a later record opens it again. */
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
            channel = null;
        }
    }

    private void rotate() throws IOException {
        close();
        Files.deleteIfExists(rotated(FILES - 1));
        for (int i = FILES - 2; i >= 1; i--) {
            try {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
                // fewer files so far
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private String json(Entry e) {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "time", TIME.format(Instant.now())).append(',');
        field(sb, "dialect", e.dialect()).append(',');
        field(sb, "peer", e.peer()).append(',');
        field(sb, "role", e.role()).append(',');
        field(sb, "credential", e.credential()).append(',');
        field(sb, "origin", e.origin()).append(',');
        field(sb, "session", e.session()).append(',');
        field(sb, "op", e.op()).append(',');
        field(sb, "sha256", sha256(e.code())).append(',');
        if (mode == Mode.FULL) {
            field(sb, "code", e.code()).append(',');
        }
        field(sb, "outcome", e.outcome()).append(',');
        sb.append("\"micros\":").append(e.micros()).append(",\"classes\":[");
        for (int i = 0; i < e.classes().size(); i++) {
            sb.append(i == 0 ? "" : ",");
            JsonStrings.append(e.classes().get(i), sb);
        }
        return sb.append("]}").toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        JsonStrings.append(name, sb);
        sb.append(':');
        JsonStrings.append(value, sb);
        return sb;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
