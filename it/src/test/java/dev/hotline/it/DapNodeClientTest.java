package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotline dap --port} driven by a client the project did not write: Microsoft's DebugClient from
 * {@code @vscode/debugadapter-testsupport}, in {@code editors/vscode/test/dap.test.js} (run by node's test
 * runner), against the greeter: evaluate and expand, completions, a logpoint, a snapshot and continue, an
 * exception breakpoint. The build installed the extension's npm packages. Once, on the build JDK: DapTest covers
 * both target JDKs with the same scenario.
 */
class DapNodeClientTest {
    private static final Path EXTENSION = Path.of("../editors/vscode").toAbsolutePath().normalize();

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

    @Test
    void microsoftsDebugClientRunsTheScenario() throws Exception {
        Cli.Running dap = Cli.start("dap", "--port", "0");
        try {
            dap.awaitStderr("hotline dap: listening on 127.0.0.1:");
            Matcher port = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(dap.err()));
            port.find();
            Path log = Files.createTempFile("dap-node", ".log");
            ProcessBuilder node = new ProcessBuilder("npm", "test").directory(EXTENSION.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            node.environment().putAll(Map.of("HOTLINE_DAP_PORT", port.group(1),
                    "HOTLINE_TARGET", greeter.name(), "HOTLINE_DIR", greeter.runDir().toString(),
                    "HOTLINE_SOURCE_ROOT", DapTest.SOURCES.toString(),
                    "HOTLINE_HANDLER", DapTest.SERVICE_SOURCE.toString(),
                    "HOTLINE_HANDLER_LINE", String.valueOf(DapTest.HANDLER_LINE),
                    "HOTLINE_HTTP", String.valueOf(httpPort)));
            Process running = node.start();
            if (!running.waitFor(3, TimeUnit.MINUTES)) {
                running.destroyForcibly();
            }
            String output = Files.readString(log);
            Files.delete(log);
            assertEquals(0, running.exitValue(), output);
            assertTrue(output.contains("# pass 4") && output.contains("# fail 0"), "all four scenarios ran: " + output);
        } finally {
            dap.process().destroy();
        }
    }
}
