package dev.hotline.server.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads class files from what a user points at: {@code .class} files, directories of them (recursively) and
 * jars. A class's name comes from its bytes, not from where the file sits.
 */
final class ClassSources {
    private ClassSources() {
    }

    /** The classes found, by binary name, each with the file it came from. */
    record Found(Map<String, byte[]> classes, Map<String, String> origins) { }

    static Found read(List<Path> paths) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
                        add(Files.readAllBytes(file), file.toString(), classes, origins);
                    }
                }
            } else if (path.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                add(in.readAllBytes(), path + "!/" + entry.getName(), classes, origins);
                            }
                        }
                    }
                }
            } else if (path.toString().endsWith(".class")) {
                add(Files.readAllBytes(path), path.toString(), classes, origins);
            } else {
                throw new IOException(path + " is not a .class file, a directory, a jar or a .java source");
            }
        }
        return new Found(classes, origins);
    }

    private static void add(byte[] bytes, String origin, Map<String, byte[]> classes, Map<String, String> origins)
            throws IOException {
        String name;
        try {
            name = ClassStructure.nameOf(bytes);
        } catch (IOException e) {
            throw new IOException(origin + ": " + e.getMessage(), e);
        }
        classes.put(name, bytes);
        origins.put(name, origin);
    }
}
