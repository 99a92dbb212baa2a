package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * editors/emacs/hotline.el in real Emacs (Debian's emacs-nox, headless): it byte-compiles without a warning and
 * passes checkdoc, and its ERT suite (editors/emacs/test/hotline-tests.el) passes against the greeter started by
 * {@code hotline start} on JDK 17 and 25, the suite restarting it through the CLI to check that Emacs connects
 * again. Without Emacs the test is skipped, and says so, except under CI, where it fails.
 */
class EmacsTest {
    private static final Path PACKAGE = Path.of("../editors/emacs/hotline.el").toAbsolutePath().normalize();
    private static final Path TESTS = Path.of("../editors/emacs/test/hotline-tests.el").toAbsolutePath().normalize();

    @BeforeAll
    static void requireEmacs() throws Exception {
        boolean present = run(List.of("emacs", "--batch", "--eval", "(kill-emacs 0)"), Map.of(), Path.of(".")).exit == 0;
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI must run the Emacs tests: install emacs-nox (.ci/run does)");
        }
        assumeTrue(present, "SKIPPED: Emacs is not installed (apt-get install emacs-nox)");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void thePackageByteCompilesAndPassesCheckdocWithoutAWarning(@TempDir Path work) throws Exception {
        Path copy = Files.copy(PACKAGE, work.resolve("hotline.el"));
        Ran compiled = run(List.of("emacs", "-Q", "--batch", "--eval", "(setq byte-compile-error-on-warn t)", "-f",
                "batch-byte-compile", copy.toString()), Map.of(), work);
        assertEquals(0, compiled.exit, compiled.output);
        assertTrue(Files.exists(work.resolve("hotline.elc")), compiled.output);
        assertTrue(compiled.output.isBlank(), "the byte compiler said something:\n" + compiled.output);

        Ran checked = run(List.of("emacs", "-Q", "--batch", "--eval", "(progn (require 'checkdoc)"
                + " (setq checkdoc-spellcheck-documentation-flag nil) (checkdoc-file \"" + copy + "\"))"), Map.of(), work);
        assertEquals(0, checked.exit, checked.output);
        assertTrue(checked.output.isBlank(), "checkdoc found something in the docstrings:\n" + checked.output);
    }

    @ParameterizedTest(name = "on JDK {0}")
    @MethodSource("dev.hotline.it.Jdk#targets")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theErtSuitePassesAgainstTheGreeter(Jdk jdk, @TempDir Path work) throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        Files.copy(GreeterSource.FILE, project.resolve("Greeter.java"));
        Path httpPortFile = work.resolve("http.port");
        Path conf = Files.write(work.resolve("greeter.properties"), CompileMode.config(List.of("name=greeter",
                "main=dev.hotline.samples.greeter.GreeterService", "class-path=" + Artifacts.samplesClassPath(),
                "run-dir=" + work.resolve("run"), "java-home=" + jdk.home(),
                "args=--port-file " + httpPortFile + " --tick-millis 60000", "stop-timeout=10", "term-timeout=5")));
        Cli.Result start = Cli.run("", "start", conf.toString());
        assertEquals(0, start.exitCode(), start::toString);
        try (TargetJvm tls = TargetJvm.start(jdk, work.resolve("tls-run"), "secure", "tls=true,socket=none",
                Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService", "--port-file",
                work.resolve("secure-http.port").toString())) {
            assertTrue(Files.readString(tls.portFile()).contains("\ntls sha256:"), "the port speaks TLS");
            assertEquals(0, Cli.run("", "eval", "--port-file", tls.portFile().toString(),
                    "System.setProperty(\"hotline.test\", \"tls\")").exitCode());
            Map<String, String> env = Map.of("HOTLINE_RUN_DIR", work.resolve("run").toString(), "HOTLINE_NAME", "greeter",
                    "HOTLINE_CONF", conf.toString(), "HOTLINE_PROJECT", project.toString(),
                    "HOTLINE_HTTP_PORT_FILE", httpPortFile.toString(), "HOTLINE_TLS_PORT_FILE", tls.portFile().toString(),
                    "HOTLINE_CLI", Jdk.build().java() + " -jar " + Artifacts.clientJar(), "HOME", work.toString());
            Ran ert = run(List.of("emacs", "-Q", "--batch", "-L", PACKAGE.getParent().toString(), "-l", TESTS.toString(),
                    "-f", "ert-run-tests-batch-and-exit"), env, work);
            assertEquals(0, ert.exit, "JDK " + jdk.label() + ":\n" + ert.output);
            assertTrue(ert.output.matches("(?s).*Ran \\d+ tests, \\d+ results as expected, 0 unexpected.*"), ert.output);
        } finally {
            Cli.run("", "stop", conf.toString());
        }
    }

    private record Ran(int exit, String output) {
    }

    private static Ran run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new Ran(-1, e.getMessage());
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(4, TimeUnit.MINUTES), "emacs did not finish:\n" + output);
        return new Ran(process.exitValue(), output);
    }
}
