package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotline profile} against the greeter kept busy in one method ({@code Chores.spinForever}, on a thread a
 * snippet starts), on target JVMs 17 and 25: the method leads the text report, and the flame graph, opened in
 * headless Chromium (Debian's chromium package), draws a frame for it.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class ProfileTest {
    private static final String BUSY = "dev.hotline.samples.greeter.Chores.spinForever";

    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    @Test
    void aServiceBusyInOneMethodShowsItFirstAndInTheFlameGraphAChromiumDraws() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "")) {
            Cli.Result started = Cli.eval(greeter, "Thread busy = new Thread(() -> " + BUSY + "(), \"busy\");"
                    + " busy.setDaemon(true); busy.start();");
            assertEquals(0, started.exitCode(), started::toString);
            Path html = work.resolve("flame.html");
            Cli.Result profile = Cli.run("", "profile", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                    "--seconds", "3", "--top", "3", "-o", html.toString());
            assertEquals(0, profile.exitCode(), profile::toString);
            List<String> lines = profile.stdout().lines().toList();
            assertTrue(lines.get(0).matches("[\\d,]+ samples; hottest methods by their own share:"), profile::toString);
            assertTrue(lines.subList(2, Math.min(5, lines.size())).stream().anyMatch(l -> l.endsWith("  " + BUSY)),
                    "the busy method is among the top 3: " + profile);
            assertTrue(profile.stderr().contains("flame graph: " + html), profile::toString);

            Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--dump-dom", html.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
            assertTrue(dom.matches("(?s).*<div class=\"frame\" title=\"" + BUSY.replace(".", "\\.")
                    + ": \\d+ samples, \\d+\\.\\d%\"[^>]*>" + BUSY.replace(".", "\\.") + "</div>.*"),
                    "the flame graph, as Chromium drew it, has a frame for the busy method: " + dom);
        }
    }
}
