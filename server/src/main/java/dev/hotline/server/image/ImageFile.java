package dev.hotline.server.image;

import dev.hotline.server.support.RunFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes an image file: a zip that a person can unpack, read and diff.
 *
 * <pre>
 * MANIFEST.properties       format=hotline-image, format-version=1, service, created, java-version, hotline-version
 * sessions/main.jsh         the session's live declarations, in order, separated by blank lines
 * classes/index.properties  ENTRY=CLASS-NAME, ENTRY.loader=LOADER, ENTRY.origin=FILE
 * classes/app/com/acme/Pricing.class   the bytes, under the loader's name
 * </pre>
 *
 * Writing is atomic: the zip is written aside, forced to disk, then renamed over the old image, so a crash at
 * any moment leaves the old image or the new one, never a broken one.
 */
public final class ImageFile {
    static final String FORMAT = "hotline-image";
    static final String VERSION = "1";
    private static final String MANIFEST = "MANIFEST.properties";
    private static final String INDEX = "classes/index.properties";
    /** Tests only: while the file this property names exists, the writer waits between entries. */
    private static final String PAUSE_PROPERTY = "hotline.image.pause-while";

    private ImageFile() {
    }

    public static void write(Image image, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            writeZip(image, tmp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp); // a half-written image must not keep the space the next attempt needs
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeZip(Image image, Path tmp) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(RunFiles.OWNER_ONLY))) {
            ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
            put(zip, MANIFEST, properties(manifest(image)));
            for (Map.Entry<String, List<String>> session : image.sessions().entrySet()) {
                pauseIfAsked();
                put(zip, "sessions/" + session.getKey() + ".jsh", String.join("\n\n", session.getValue()) + "\n");
            }
            Properties index = new Properties();
            for (Image.ClassEntry c : image.classes()) {
                pauseIfAsked();
                String entry = "classes/" + safe(c.loader()) + "/" + c.className().replace('.', '/') + ".class";
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(c.bytes());
                zip.closeEntry();
                index.setProperty(entry, c.className());
                index.setProperty(entry + ".loader", c.loader());
                index.setProperty(entry + ".origin", c.origin() == null ? "" : c.origin());
            }
            put(zip, INDEX, properties(index));
            zip.finish();
            zip.flush();
            channel.force(true);
        }
    }

    /**
     * Reads an image, checking it whole.
     *
     * @throws ImageException when it cannot be used; the message says why
     */
    public static Image read(Path file) throws ImageException {
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            Properties manifest = properties(zip, MANIFEST);
            if (!FORMAT.equals(manifest.getProperty("format"))) {
                throw new ImageException(file + " is not a Hotline image (format=" + manifest.getProperty("format") + ")");
            }
            if (!VERSION.equals(manifest.getProperty("format-version"))) {
                throw new ImageException(file + " has image format version " + manifest.getProperty("format-version")
                        + "; this Hotline reads version " + VERSION);
            }
            Map<String, List<String>> sessions = new LinkedHashMap<>();
            for (String name : manifest.getProperty("sessions", "").split(",")) {
                if (!name.isBlank()) {
                    sessions.put(name, List.of(text(zip, "sessions/" + name + ".jsh")));
                }
            }
            Properties index = properties(zip, INDEX);
            List<Image.ClassEntry> classes = new ArrayList<>();
            for (String entry : index.stringPropertyNames()) {
                if (!entry.endsWith(".loader") && !entry.endsWith(".origin")) {
                    classes.add(new Image.ClassEntry(index.getProperty(entry), index.getProperty(entry + ".loader"),
                            index.getProperty(entry + ".origin"), bytes(zip, entry)));
                }
            }
            return new Image(manifest.getProperty("service"), Instant.parse(manifest.getProperty("created")),
                    manifest.getProperty("java-version"), manifest.getProperty("hotline-version"), sessions, classes);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(file + " cannot be read as an image: " + e, e);
        }
    }

    private static Properties manifest(Image image) {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("format-version", VERSION);
        p.setProperty("service", image.service());
        p.setProperty("created", image.created().toString());
        p.setProperty("java-version", image.javaVersion());
        p.setProperty("hotline-version", image.hotlineVersion());
        p.setProperty("sessions", String.join(",", image.sessions().keySet()));
        p.setProperty("classes", String.valueOf(image.classes().size()));
        return p;
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String properties(Properties p) throws IOException {
        StringWriter out = new StringWriter();
        p.store(out, "Hotline image");
        return out.toString();
    }

    private static Properties properties(ZipFile zip, String name) throws IOException, ImageException {
        Properties p = new Properties();
        p.load(new StringReader(text(zip, name)));
        return p;
    }

    private static String text(ZipFile zip, String name) throws IOException, ImageException {
        return new String(bytes(zip, name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException, ImageException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ImageException(zip.getName() + " has no " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    /** A loader name as a path segment. */
    private static String safe(String loader) {
        return loader.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void pauseIfAsked() {
        String file = System.getProperty(PAUSE_PROPERTY);
        while (file != null && Files.exists(Path.of(file))) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
