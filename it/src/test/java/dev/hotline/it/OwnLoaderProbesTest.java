package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotline monitor}, {@code capture} and {@code log} against an application started from a jar through a
 * class loader of its own (as executable fat jars are), and against the same application packed as Spring Boot
 * packs one (its jar inside an outer jar, read by the launcher's loader, with {@code nested:} URLs), on target
 * JVMs 17 and 25: a worker thread calls a method that sleeps 1 ms, and 50 ms on every 50th call (2% of them).
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class OwnLoaderProbesTest {
    private static final String LATENCY = String.join("\n",
            "package acme.app;",
            "public class Latency {",
            "    public static int work(int i) {",
            "        int slow = i % 50 == 0 ? 50 : 1;",
            "        try {",
            "            Thread.sleep(slow);",
            "        } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "        }",
            "        return slow;",
            "    }",
            "}", "");
    private static final String MAIN = String.join("\n",
            "package acme.app;",
            "public class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        Thread worker = new Thread(() -> { for (int i = 1; ; i++) { Latency.work(i); } }, \"worker\");",
            "        worker.setDaemon(true);",
            "        worker.start();",
            "        Thread.sleep(Long.MAX_VALUE);",
            "    }",
            "}", "");

    @Parameter
    private Jdk jdk;
    private static TargetJvm app;
    private static TargetJvm nested;

    @BeforeParameterizedClassInvocation
    static void start(Jdk jdk, @TempDir Path work) throws Exception {
        Path classes = JavaFiles.compile(work.resolve("src"), Map.of("acme.app.Main", MAIN, "acme.app.Latency", LATENCY),
                "", "-g");
        Path jar = JavaFiles.jar(classes, work.resolve("app.jar"), Map.of());
        app = TargetJvm.start(jdk, work.resolve("run"), "app", "", Artifacts.samplesClassPath(),
                "dev.hotline.samples.launcher.Launcher", jar.toString(), "acme.app.Main");
        Path outer = work.resolve("boot.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(outer))) {
            out.putNextEntry(new JarEntry("BOOT-INF/lib/app.jar"));
            out.write(Files.readAllBytes(jar));
            out.closeEntry();
        }
        nested = TargetJvm.start(jdk, work.resolve("nested-run"), "nested", "", Artifacts.samplesClassPath(),
                "dev.hotline.samples.launcher.NestedJarLauncher", outer.toString(), "acme.app.Main");
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        app.close();
        nested.close();
    }

    @Test
    void monitorCountsEveryCallAndItsP99IsTheSlowCalls() throws Exception {
        Cli.Result result = Cli.run("", "monitor", "--dir", app.runDir().toString(), "--name", "app",
                "acme.app.Latency::work", "--every", "3", "--seconds", "7", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("monitoring acme.app.Latency::work every 3 s; Ctrl-C ends it"),
                result::toString);
        List<String> intervals = result.stdout().lines().toList();
        assertTrue(intervals.size() >= 2, result::toString);
        Matcher first = Pattern.compile("\"calls\":(\\d+),\"failures\":(\\d+),\"p50\":(\\d+),\"p95\":(\\d+),"
                + "\"p99\":(\\d+),\"max\":(\\d+)").matcher(intervals.get(0));
        assertTrue(first.find(), intervals.get(0));
        long calls = Long.parseLong(first.group(1));
        double p50 = Long.parseLong(first.group(3)) / 1e6;
        double p99 = Long.parseLong(first.group(5)) / 1e6;
        double max = Long.parseLong(first.group(6)) / 1e6;
        assertTrue(calls > 200, "a worker calling for 3 s: " + intervals.get(0));
        assertEquals("0", first.group(2), "none threw");
        assertTrue(p50 >= 0.9 && p50 < 10, "most calls sleep 1 ms: " + intervals.get(0));
        assertTrue(p99 >= 40 && p99 <= 60, "2% of the calls sleep 50 ms: " + intervals.get(0));
        assertTrue(max >= 50 && max < 200, intervals.get(0));
        assertTrue(result.stderr().contains("monitor ended (7 seconds passed)"), result::toString);
    }

    @Test
    void aCaptureSeesTheLocalsOfAClassInTheAppsOwnLoader() throws Exception {
        Cli.Result result = Cli.run("", "capture", "--dir", app.runDir().toString(), "--name", "app",
                "acme.app.Latency:6", "--where", "slow > 1");
        assertEquals(0, result.exitCode(), result::toString);
        Matcher locals = Pattern.compile("\n  i = (\\d+)\n  slow = 50\n").matcher(result.stdout());
        assertTrue(locals.find(), result::toString);
        assertEquals(0, Long.parseLong(locals.group(1)) % 50, "the slow calls are every 50th: " + result);
        assertTrue(result.stdout().contains("at acme.app.Latency.work(Latency.java:6)"), result::toString);
    }

    @Test
    void aCaptureAndALogpointWorkInASpringBootStyleNestedJar() throws Exception {
        Cli.Result captured = Cli.run("", "capture", "--dir", nested.runDir().toString(), "--name", "nested",
                "acme.app.Latency:6", "--where", "slow > 1");
        assertEquals(0, captured.exitCode(), captured::toString);
        assertTrue(Pattern.compile("\n  i = \\d+\n  slow = 50\n").matcher(captured.stdout()).find(), captured::toString);
        Cli.Result logged = Cli.run("", "log", "--dir", nested.runDir().toString(), "--name", "nested",
                "Latency.java:6", "i={i} slow={slow} in {Latency.class.getName()}", "--count", "2");
        assertEquals(0, logged.exitCode(), logged::toString);
        assertTrue(logged.stdout().contains(" in \"acme.app.Latency\""), logged::toString);
        assertEquals(2, logged.stdout().lines().count(), logged::toString);
    }
}
