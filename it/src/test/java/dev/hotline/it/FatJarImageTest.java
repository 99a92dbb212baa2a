package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image keeps a class reloaded in a loader that the application creates at start, as a fat-jar launcher
 * does (no name, a different identity in every run): after a restart with the image, the class is born with
 * the reloaded body, so the application's very first call to it already runs that body. Also: the run
 * directory and the files written into it are private to the service's user.
 */
class FatJarImageTest {
    private static final String MAIN = "package acme.app;\npublic class Main {\n"
            + "    public static volatile String first;\n"
            + "    public static void main(String[] args) throws Exception {\n"
            + "        first = Greeting.text();\n"
            + "        Thread.sleep(Long.MAX_VALUE);\n"
            + "    }\n}\n";

    @TempDir
    Path work;

    private Path conf;

    @AfterEach
    void killLeftovers() throws Exception {
        if (conf != null) {
            Cli.run("", "kill", conf.toString());
        }
    }

    private static String greeting(String text) {
        return "package acme.app;\npublic class Greeting {\n    public static String text() { return \"" + text + "\"; }\n}\n";
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private Cli.Result eval(String code) throws Exception {
        return Cli.run("", "eval", "--dir", work.resolve("run").toString(), "--name", "fat", code);
    }

    @Test
    void aClassOfTheLaunchersLoaderReloadedFromSourceIsBornReloadedAfterARestartOnJdk17AndJdk25() throws Exception {
        Path classes = JavaFiles.compile(work.resolve("app"), Map.of("acme.app.Main", MAIN,
                "acme.app.Greeting", greeting("as built")), "");
        Path appJar = JavaFiles.jar(classes, work.resolve("app.jar"), Map.of());
        Path source = Files.createDirectories(work.resolve("src")).resolve("Greeting.java");
        Files.writeString(source, greeting("reloaded"));
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Files.deleteIfExists(work.resolve("run/fat.image"));
            conf = Files.write(work.resolve("fat.properties"), CompileMode.config(List.of("name=fat",
                    "main=dev.hotline.samples.launcher.Launcher", "class-path=" + Artifacts.samplesClassPath(),
                    "args=" + appJar + " acme.app.Main", "run-dir=" + work.resolve("run"), "java-home=" + jdk.home())));
            assertEquals(0, Cli.run("", "start", conf.toString()).exitCode());
            assertEquals("\"as built\"\n", eval("acme.app.Main.first").stdout());

            Cli.Result reload = Cli.run("", "reload", "--dir", work.resolve("run").toString(), "--name", "fat",
                    source.toString());
            assertEquals(0, reload.exitCode(), reload::toString);
            assertEquals("\"reloaded\"\n", eval("acme.app.Greeting.text()").stdout());
            Cli.Result snapshot = Cli.run("", "snapshot", conf.toString());
            assertTrue(snapshot.stdout().contains("1 classes"), snapshot::toString);
            assertEquals("rwx------", mode(work.resolve("run")), "the run directory start created");
            assertEquals("rw-------", mode(work.resolve("run/fat.image")));
            assertEquals("rw-------", mode(work.resolve("run/fat.token")));
            assertEquals(0, Cli.run("", "stop", conf.toString()).exitCode());

            Cli.Result start = Cli.run("", "start", conf.toString());
            assertEquals(0, start.exitCode(), start::toString);
            assertEquals("\"reloaded\"\n", eval("acme.app.Main.first").stdout(),
                    "on JDK " + jdk + ", the application's first call runs the reloaded body");
            Cli.Result status = Cli.run("", "status", conf.toString());
            assertFalse(status.stdout().contains("waiting for their loader"), "the image's class was applied: " + status);

            Path later = work.resolve("src/Later.java");
            Files.writeString(later, "package acme.app;\npublic class Later { }\n");
            assertEquals(0, Cli.run("", "reload", "--dir", work.resolve("run").toString(), "--name", "fat",
                    later.toString()).exitCode());
            status = Cli.run("", "status", conf.toString());
            assertTrue(status.stdout().contains("waiting for their loader:\n  acme.app.Later (loader: any)"),
                    "a class reloaded before it ever loaded is shown waiting: " + status);
            assertEquals(0, Cli.run("", "stop", conf.toString()).exitCode());
        }
    }
}
