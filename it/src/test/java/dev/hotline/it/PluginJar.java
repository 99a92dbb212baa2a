package dev.hotline.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/**
 * Builds a greeter plugin jar for a test: {@code acme.plugins.Shout} (a decorator the service loads at start)
 * and {@code acme.plugins.Helper} (never loaded by the service). Neither is on any class path the JVM knows:
 * only the service's own plugin loader can find them.
 */
final class PluginJar {
    private PluginJar() {
    }

    static Path build(Path work) throws IOException {
        Path src = Files.createDirectories(work.resolve("plugin-src/acme/plugins"));
        Files.writeString(src.resolve("Shout.java"), """
                package acme.plugins;
                public class Shout implements java.util.function.UnaryOperator<String> {
                    public static int calls;
                    public String apply(String s) { calls++; return s.toUpperCase(); }
                }
                """);
        Files.writeString(src.resolve("Helper.java"), """
                package acme.plugins;
                public class Helper { public static String motto() { return "loaded on demand"; } }
                """);
        Path classes = Files.createDirectories(work.resolve("plugin-classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(),
                src.resolve("Shout.java").toString(), src.resolve("Helper.java").toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed for the test plugin");
        }
        Path dir = Files.createDirectories(work.resolve("plugins"));
        Path jar = dir.resolve("shout.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String d : new String[] {"META-INF/", "META-INF/services/", "acme/", "acme/plugins/"}) {
                out.putNextEntry(new JarEntry(d));
                out.closeEntry();
            }
            put(out, "META-INF/services/java.util.function.UnaryOperator", "acme.plugins.Shout\n".getBytes(StandardCharsets.UTF_8));
            for (String c : new String[] {"Shout", "Helper"}) {
                put(out, "acme/plugins/" + c + ".class", Files.readAllBytes(classes.resolve("acme/plugins/" + c + ".class")));
            }
        }
        return dir;
    }

    private static void put(OutputStream out, String name, byte[] bytes) throws IOException {
        JarOutputStream jar = (JarOutputStream) out;
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
