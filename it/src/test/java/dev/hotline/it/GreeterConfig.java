package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A config file for the greeter under {@code hotline start}, its run directory {@code work/run}. */
final class GreeterConfig {
    private GreeterConfig() {
    }

    /** Writes {@code work/NAME.properties}; {@code extra} lines are appended as they are. */
    static Path write(Path work, String name, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("name=" + name, "main=dev.hotline.samples.greeter.GreeterService",
                "class-path=" + Artifacts.samplesClassPath(), "run-dir=" + work.resolve("run"),
                "stop-timeout=10", "term-timeout=5"));
        lines.addAll(List.of(extra));
        return Files.write(work.resolve(name + ".properties"), CompileMode.config(lines));
    }
}
