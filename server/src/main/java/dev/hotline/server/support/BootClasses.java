package dev.hotline.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts Hotline's {@code dev.hotline.boot} classes on the bootstrap class path, where code of every class loader
 * (the JDK's own included) can call them: the exit guard that {@code Runtime.exit} consults and the dispatcher
 * that traced methods report to. Done when the first of those is needed (the JVM then stops sharing archived
 * application classes, so not at start), and before any server class that links against them is loaded, so the
 * server's loader, which asks its parents first, gets the bootstrap loader's copies too.
 */
public final class BootClasses {
    private static final List<String> CLASSES = List.of("dev/hotline/boot/ExitGuard",
            "dev/hotline/boot/TraceDispatcher", "dev/hotline/boot/TraceDispatcher$Probe",
            "dev/hotline/boot/TraceDispatcher$Call", "dev/hotline/boot/TraceDispatcher$LineProbe",
            "dev/hotline/boot/TraceDispatcher$CatchProbe");

    private BootClasses() {
    }

    /**
     * Appends them, unless an earlier Hotline in this JVM (before a detach) did.
     *
     * @return false when they could not be appended; the exit guard and tracing are then unavailable, and the
     *     log says why
     */
    public static synchronized boolean install(Instrumentation instrumentation) {
        try {
            Class.forName("dev.hotline.boot.TraceDispatcher", false, null);
            return true;
        } catch (ClassNotFoundException notYet) {
            // append them below
        }
        try {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar().toFile()));
            Class.forName("dev.hotline.boot.TraceDispatcher", true, null);
            return true;
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            ServerLog.warn("cannot put Hotline's boot classes on the bootstrap class path, so there is no exit guard"
                    + " and no tracing: " + e);
            return false;
        }
    }

    /** A jar of those classes, copied out of Hotline's own jar. */
    private static Path jar() throws IOException {
        Path jar = Files.createTempFile("hotline-boot", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String name : CLASSES) {
                try (InputStream bytes = BootClasses.class.getClassLoader().getResourceAsStream(name + ".class")) {
                    if (bytes == null) {
                        throw new IOException(name + ".class is missing from Hotline's jar");
                    }
                    zip.putNextEntry(new JarEntry(name + ".class"));
                    bytes.transferTo(zip);
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }
}
