package dev.hotline.client.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.it.Artifacts;
import dev.hotline.it.Cli;
import dev.hotline.it.Http;
import dev.hotline.it.JavaFiles;
import dev.hotline.it.Jdk;
import dev.hotline.it.TargetJvm;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hotline reload --watch: a build writing into the watched directory hot-reloads the service, and a REPL
 * connected at that moment is told. On target JVMs 17 and 25.
 */
class WatchReloadTest {
    private static final Path GREETER_SOURCE =
            Path.of("../samples/src/main/java/dev/hotline/samples/greeter/Greeter.java").toAbsolutePath().normalize();

    @Test
    void aBuildIntoTheWatchedDirectoryReloadsAndTheReplIsTold(@TempDir Path work) throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Path dir = work.resolve("jdk" + jdk.label());
            Path httpPortFile = dir.resolve("http.port");
            try (TargetJvm greeter = TargetJvm.start(jdk, dir.resolve("run"), "greeter", "", Artifacts.samplesClassPath(),
                    "dev.hotline.samples.greeter.GreeterService", "--port-file", httpPortFile.toString())) {
                greeter.awaitFile(httpPortFile);
                String url = "http://127.0.0.1:" + Files.readString(httpPortFile).strip() + "/greet?name=Ada";
                assertTrue(Http.get(url).startsWith("Hello, Ada!"), "serving, so Greeter is loaded");
                Path watched = Files.createDirectories(dir.resolve("build/classes"));
                Cli.Result watch = Cli.run("", "reload", "--dir", greeter.runDir().toString(), "--name", "greeter",
                        "--watch", watched.toString());
                assertEquals(0, watch.exitCode(), watch::toString);

                PipedOutputStream keyboard = new PipedOutputStream();
                ByteArrayOutputStream screen = new ByteArrayOutputStream();
                var terminal = new org.jline.terminal.impl.DumbTerminal("test", "dumb",
                        new PipedInputStream(keyboard), screen, StandardCharsets.UTF_8);
                ReplConnection connection = new ReplConnection(NativeConnection.open(
                        new Target("127.0.0.1", greeter.port(), Optional.of(greeter.token()))));
                CompletableFuture<Integer> repl = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Repl.start(terminal, connection, "main", false, dir.resolve("history"), "vi");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                awaitText(screen, "greeter:main>");

                // "the build": javac writes the changed class into the watched directory
                Path build = JavaFiles.compile(dir.resolve("build-src"), Map.of("dev.hotline.samples.greeter.Greeter",
                        Files.readString(GREETER_SOURCE).replace("\" (visit #\"", "\" (watched build, visit #\"")), "");
                Path target = watched.resolve("dev/hotline/samples/greeter/Greeter.class");
                Files.createDirectories(target.getParent());
                Files.copy(build.resolve("dev/hotline/samples/greeter/Greeter.class"), target);

                String told = awaitText(screen, "redefined    dev.hotline.samples.greeter.Greeter [app]");
                assertTrue(told.contains("| reload: "), told);
                assertTrue(Http.get(url).contains("(watched build, visit #"), "reloaded without a restart");
                assertTrue(greeter.stderr().contains("watch " + watched), "the service's log reports it too");

                keyboard.close();
                assertEquals(0, repl.get(30, TimeUnit.SECONDS));
                connection.close();
            }
        }
    }

    private static String awaitText(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String now = "";
        while (System.nanoTime() < deadline) {
            synchronized (screen) {
                now = screen.toString(StandardCharsets.UTF_8);
            }
            if (now.contains(text)) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never saw '" + text + "'; screen:\n" + now);
    }
}
