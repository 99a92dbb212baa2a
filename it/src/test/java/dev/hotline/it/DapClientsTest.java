package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotline dap} driven by clients the project did not write, against the greeter: Microsoft's DebugClient
 * from {@code @vscode/debugadapter-testsupport} ({@code editors/vscode/test/dap.test.js}, run by node's test runner,
 * over {@code --port}): evaluate and expand, completions, a logpoint, a snapshot and continue, an exception
 * breakpoint; and Emacs with Debian's dap-mode, unmodified, in batch ({@code editors/emacs/test/hotline-dap-tests.el},
 * over standard input and output): evaluate and a logpoint. The build installed the extension's npm packages.
 * Once, on the build JDK: DapTest runs the scenario on both target JDKs.
 */
class DapClientsTest {
    private static final Path EXTENSION = Path.of("../editors/vscode").toAbsolutePath().normalize();
    private static final Path EMACS_TESTS = Path.of("../editors/emacs/test/hotline-dap-tests.el").toAbsolutePath()
            .normalize();

    private static TargetJvm greeter;
    private static int httpPort;

    @BeforeAll
    static void start(@TempDir Path work) throws Exception {
        greeter = TargetJvm.greeter(Jdk.build(), work, "");
        httpPort = greeter.greeterHttpPort(Jdk.build(), work);
    }

    @AfterAll
    static void stop() {
        greeter.close();
    }

    /** What the client scripts need to know, in their environment. */
    private static Map<String, String> scenario() {
        return Map.of("HOTLINE_TARGET", greeter.name(), "HOTLINE_DIR", greeter.runDir().toString(),
                "HOTLINE_SOURCE_ROOT", DapTest.SOURCES.toString(),
                "HOTLINE_HANDLER", DapTest.SERVICE_SOURCE.toString(),
                "HOTLINE_HANDLER_LINE", String.valueOf(DapTest.HANDLER_LINE),
                "HOTLINE_HTTP", String.valueOf(httpPort));
    }

    /** Runs {@code command} in {@code dir} with {@code env} added, for at most 3 minutes: its exit code and output. */
    private static Cli.Result run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("dap-client", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process running = builder.start();
        if (!running.waitFor(3, TimeUnit.MINUTES)) {
            running.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        Files.delete(log);
        return new Cli.Result(running.exitValue(), output, "");
    }

    @Test
    void microsoftsDebugClientRunsTheScenario() throws Exception {
        Cli.Running dap = Cli.start("dap", "--port", "0");
        try {
            dap.awaitStderr("hotline dap: listening on 127.0.0.1:");
            Matcher port = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(dap.err()));
            port.find();
            Map<String, String> env = new HashMap<>(scenario());
            env.put("HOTLINE_DAP_PORT", port.group(1));
            Cli.Result node = run(EXTENSION, List.of("npm", "test"), env);
            assertEquals(0, node.exitCode(), node.stdout());
            assertTrue(node.stdout().contains("# pass 4") && node.stdout().contains("# fail 0"),
                    "all four scenarios ran: " + node.stdout());
        } finally {
            dap.process().destroy();
        }
    }

    @Test
    void emacsDapModeEvaluatesAndSetsALogpoint(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(scenario());
        env.put("HOTLINE_CLI", Jdk.build().java() + " -jar " + Artifacts.clientJar());
        env.put("HOME", home.toString());
        Cli.Result emacs = run(home, List.of("emacs", "-Q", "--batch", "-l", EMACS_TESTS.toString(),
                "-f", "ert-run-tests-batch-and-exit"), env);
        assertEquals(0, emacs.exitCode(), emacs.stdout());
        assertTrue(emacs.stdout().contains("Ran 1 tests, 1 results as expected, 0 unexpected"), emacs.stdout());
    }
}
