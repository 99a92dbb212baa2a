package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Emacs with Debian's SLIME (packages emacs-nox and slime), headless, against the greeter on JDK 17 and
 * 25: src/test/resources/slime/drive-slime.el connects with the token in {@code ~/.slime-secret}, evaluates
 * at the REPL and interactively, completes an app class name, traces the greeter's method from the trace dialog
 * (slime-fancy), opens and aborts the debugger, interrupts a loop, disconnects and connects again; once with Debian's default contribs (slime-fancy), once with none.
 * Without Emacs the test is skipped, and says so, except under CI, where it fails.
 */
class SlimeTest {
    private static final Path DRIVER = Path.of("src/test/resources/slime/drive-slime.el").toAbsolutePath();

    @TempDir
    Path work;

    @BeforeAll
    static void requireEmacsWithSlime() throws Exception {
        boolean present = emacsHasSlime();
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI must run the SLIME test: install emacs-nox and slime (.ci/run does)");
        }
        assumeTrue(present, "SKIPPED: Emacs with SLIME is not installed (apt-get install emacs-nox slime)");
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void slimeWorksWithDebiansDefaultContribsAndWithNoneOnJdk17AndJdk25() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, "")) {
                Path home = Files.createDirectories(work.resolve("home" + jdk.label()));
                Files.writeString(home.resolve(".slime-secret"), target.token());
                Files.setPosixFilePermissions(home.resolve(".slime-secret"), PosixFilePermissions.fromString("rw-------"));
                for (String contribs : List.of("fancy", "none")) {
                    int httpPort = target.greeterHttpPort(jdk, work);
                    String transcript = runEmacs(home, target.port(), httpPort, contribs);
                    assertTrue(transcript.contains("PASSED"), "JDK " + jdk.label() + ", " + contribs + ":\n" + transcript);
                }
                assertTrue(target.isAlive());
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withoutTheSecretSlimeIsTurnedAwayWithAReason() throws Exception {
        try (TargetJvm target = TargetJvm.start(Jdk.build(), work.resolve("run"), "greeter", "",
                Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService",
                "--port-file", work.resolve("http.port").toString());
             WireClient slime = new WireClient(target.port())) {
            slime.frame("(:emacs-rex (swank:connection-info) nil t 1)\n");
            String reply = slime.readUntilClosed();
            assertTrue(reply.contains("(:return (:abort \"authentication failed"), reply);
            assertTrue(reply.endsWith(" 1)"), reply);
        }
    }

    private static String runEmacs(Path home, int port, int httpPort, String contribs) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("emacs", "--batch", "-l", DRIVER.toString()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("HOTLINE_PORT", String.valueOf(port));
        pb.environment().put("HOTLINE_CONTRIBS", contribs);
        pb.environment().put("HOTLINE_HTTP_PORT", String.valueOf(httpPort));
        Process emacs = pb.start();
        emacs.getOutputStream().close();
        String transcript = readAll(emacs.getInputStream());
        assertTrue(emacs.waitFor(3, TimeUnit.MINUTES), "emacs did not finish");
        assertEquals(0, emacs.exitValue(), () -> contribs + ":\n" + transcript);
        return transcript;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static boolean emacsHasSlime() throws Exception {
        try {
            Process p = new ProcessBuilder("emacs", "--batch", "--eval", "(progn (require 'slime) (kill-emacs 0))")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
