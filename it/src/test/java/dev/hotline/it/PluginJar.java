package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a greeter plugin jar for a test: {@code acme.plugins.Shout} (a decorator the service loads at start)
 * and {@code acme.plugins.Helper} (never loaded by the service). Neither is on any class path the JVM knows:
 * only the service's own plugin loader can find them.
 */
final class PluginJar {
    private PluginJar() {
    }

    static Path build(Path work) throws IOException {
        Path classes = JavaFiles.compile(work.resolve("plugin"), Map.of(
                "acme.plugins.Shout", """
                        package acme.plugins;
                        public class Shout implements java.util.function.UnaryOperator<String> {
                            public static int calls;
                            public String apply(String s) { calls++; return s.toUpperCase(); }
                        }
                        """,
                "acme.plugins.Helper", """
                        package acme.plugins;
                        public class Helper { public static String motto() { return "loaded on demand"; } }
                        """), "");
        Path dir = work.resolve("plugins");
        JavaFiles.jar(classes, dir.resolve("shout.jar"),
                Map.of("META-INF/services/java.util.function.UnaryOperator", "acme.plugins.Shout\n"));
        return dir;
    }
}
