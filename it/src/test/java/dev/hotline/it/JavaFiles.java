package dev.hotline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Writes Java sources, compiles them with the JDK's javac (release 17) and packs class directories into jars. */
public final class JavaFiles {
    private JavaFiles() {
    }

    /**
     * Writes {@code sources} (binary class name to source text) under {@code dir}/src and compiles them into
     * {@code dir}/classes.
     *
     * @param javacOptions more options for javac, such as {@code -g:none}
     * @return the classes directory
     */
    public static Path compile(Path dir, Map<String, String> sources, String classPath, String... javacOptions)
            throws IOException {
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        args.addAll(List.of(javacOptions));
        if (!classPath.isEmpty()) {
            args.addAll(List.of("-cp", classPath));
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed for test sources in " + src);
        }
        return classes;
    }

    /** Packs a classes directory into a jar (with directory entries), plus extra entries given as text. */
    public static Path jar(Path classes, Path jar, Map<String, String> extra) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (name.isEmpty()) {
                    continue;
                }
                out.putNextEntry(new JarEntry(Files.isDirectory(p) ? name + "/" : name));
                if (!Files.isDirectory(p)) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
            for (Map.Entry<String, String> e : extra.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
