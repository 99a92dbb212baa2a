package dev.hotline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's layers, as {@code package-info.java} names them: every reference from one server package to
 * another (an import or a qualified name in code or Javadoc) points to a lower layer.
 */
class LayersTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/hotline/server");

    /** Package (below {@code dev.hotline.server}) to layer, lowest first; the root package is the top. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("support", 0), Map.entry("auth", 1),
            Map.entry("channel", 2),
            Map.entry("exchange", 3),
            Map.entry("guard", 4),
            Map.entry("eval", 5), Map.entry("reload", 5), Map.entry("daemon", 5),
            Map.entry("image", 6),
            Map.entry("service", 7),
            Map.entry("commands", 8),
            Map.entry("ops", 9), Map.entry("line", 9), Map.entry("swank", 9),
            Map.entry("pipeline", 10),
            Map.entry("", 11));

    private static final Pattern REFERENCE = Pattern.compile("dev\\.hotline\\.server((?:\\.[a-z]+)*)\\.[A-Z]");

    @Test
    void everyReferenceBetweenServerPackagesPointsDown() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = packageOf(file);
                assertTrue(LAYERS.containsKey(from), "package " + from + " has no layer in LayersTest and package-info");
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
                    if (!to.equals(from) && LAYERS.getOrDefault(to, -1) >= LAYERS.get(from)) {
                        upward.add(SOURCES.relativize(file) + " -> " + (to.isEmpty() ? "dev.hotline.server" : to));
                    }
                }
            }
        }
        assertEquals(List.of(), upward, "references that point up or sideways between layers");
    }

    private static String packageOf(Path file) {
        Path dir = SOURCES.relativize(file).getParent();
        return dir == null ? "" : dir.toString().replace('/', '.');
    }
}
