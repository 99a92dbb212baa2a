package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The greeter sample's {@code Greeter.java}, and versions of it whose greeting says which one runs. */
final class GreeterSource {
    static final Path FILE =
            Path.of("../samples/src/main/java/dev/hotline/samples/greeter/Greeter.java").toAbsolutePath().normalize();
    static final String CLASS = "dev.hotline.samples.greeter.Greeter";

    private GreeterSource() {
    }

    /** The source with {@code (MARK, visit #N)} in its greeting instead of {@code (visit #N)}. */
    static String marked(String mark) throws IOException {
        return Files.readString(FILE).replace("\" (visit #\"", "\" (" + mark + ", visit #\"");
    }

    /** That source compiled into {@code dir}: the path of its {@code Greeter.class}. */
    static Path classFile(Path dir, String mark) throws IOException {
        return JavaFiles.compile(dir, Map.of(CLASS, marked(mark)), "").resolve("dev/hotline/samples/greeter/Greeter.class");
    }
}
