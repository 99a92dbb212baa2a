package dev.hotline.it;

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
 * The layers of the server and of the client, as listed here: every
 * reference from one package of a module to another (an import, or a qualified name in code or Javadoc)
 * points to a lower layer. Packages of one layer do not use each other.
 */
class LayersTest {

    @Test
    void serverPackagesOnlyUseLowerLayers() throws IOException {
        assertPointsDown(Path.of("../server/src/main/java/dev/hotline/server"), "dev.hotline.server", Map.ofEntries(
                Map.entry("support", 0), Map.entry("auth", 1),
                Map.entry("channel", 2),
                Map.entry("exchange", 3),
                Map.entry("guard", 4),
                Map.entry("eval", 5), Map.entry("reload", 5), Map.entry("daemon", 5),
                Map.entry("image", 6), Map.entry("trace", 6), Map.entry("compilehost", 6),
                Map.entry("probe", 7), Map.entry("profile", 7), Map.entry("inspect", 7), Map.entry("display", 7),
                Map.entry("service", 8),
                Map.entry("commands", 9),
                Map.entry("ops", 10), Map.entry("line", 10), Map.entry("swank", 10),
                Map.entry("pipeline", 11),
                Map.entry("", 12)));
    }

    @Test
    void clientPackagesOnlyUseLowerLayers() throws IOException {
        assertPointsDown(Path.of("../client/src/main/java/dev/hotline/client"), "dev.hotline.client", Map.ofEntries(
                Map.entry("core", 0),
                Map.entry("connection", 1),
                Map.entry("repl", 2), Map.entry("service", 2), Map.entry("dap", 2), Map.entry("kernel", 2),
                Map.entry("commands", 3),
                Map.entry("", 4)));
    }

    /**
     * @param layers package below {@code root} to its layer, lowest first; "" is the root package
     */
    private static void assertPointsDown(Path sources, String root, Map<String, Integer> layers) throws IOException {
        Pattern reference = Pattern.compile(Pattern.quote(root) + "((?:\\.[a-z]+)*)\\.[A-Z]");
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = sources.relativize(file).getParent();
                String from = dir == null ? "" : dir.toString().replace('/', '.');
                assertTrue(layers.containsKey(from), "package " + from + " of " + root + " has no layer here");
                Matcher m = reference.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
                    if (!to.equals(from) && layers.getOrDefault(to, -1) >= layers.get(from)) {
                        upward.add(sources.relativize(file) + " -> " + (to.isEmpty() ? root : to));
                    }
                }
            }
        }
        assertEquals(List.of(), upward, "references in " + root + " that point up or sideways between layers");
    }
}
