package dev.hotline.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A JDK that target JVMs are launched with. */
public record Jdk(String label, Path home) {

    /** The JDK running the build (17). */
    public static Jdk build() {
        return new Jdk("17", Path.of(System.getProperty("java.home")));
    }

    /** Temurin 25; its absence is a failure with instructions, never a silent skip. */
    public static Jdk jdk25() {
        Path home = Path.of(System.getProperty("hotline.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("JDK 25 not found at " + home
                    + ": install Temurin 25 there or pass -Djdk25.home=/path/to/jdk-25");
        }
        return new Jdk("25", home);
    }

    /**
     * Both target JDKs, for {@code @ParameterizedClass @MethodSource("dev.hotline.it.Jdk#targets")}: the test
     * class runs once on each, its lifecycle methods per JDK.
     */
    public static Stream<Jdk> targets() {
        return Stream.of(build(), jdk25());
    }

    /** The label, as test names show it ("on JDK 25"). */
    @Override
    public String toString() {
        return label;
    }

    String java() {
        return home.resolve("bin/java").toString();
    }
}
