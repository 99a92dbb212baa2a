package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The packaged jars under test, located by the build (see it/pom.xml). */
public final class Artifacts {
    private Artifacts() {
    }

    public static Path agentJar() {
        return existing("hotline.agent.jar");
    }

    public static Path clientJar() {
        return existing("hotline.client.jar");
    }

    /** The samples jar plus their own libraries (a Netty that is not Hotline's), as a class path. */
    public static String samplesClassPath() {
        Path lib = existing("hotline.samples.lib");
        try (Stream<Path> jars = Files.list(lib)) {
            return Stream.concat(Stream.of(existing("hotline.samples.jar")), jars.sorted())
                    .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(property + " = " + value + " does not exist: run the tests with mvn verify"
                    + " from the repository root, so the jars are packaged first");
        }
        return Path.of(value);
    }
}
