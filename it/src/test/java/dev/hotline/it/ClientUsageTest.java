package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's exit codes for what goes wrong before any service is reached. */
class ClientUsageTest {

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Cli.Result r = Cli.run("", "eval", "--no-such-option", "1+1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--no-such-option"), r::toString);
    }

    @Test
    void noTargetIsAUsageErrorThatSaysHowToNameOne() throws Exception {
        Cli.Result r = Cli.run("", "eval", "1+1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--name NAME"), r::toString);
    }

    @Test
    void refusedConnectionExitsThree() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Cli.Result r = Cli.run("", "eval", "--port", String.valueOf(closedPort), "1+1");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("connection refused"), r::toString);
    }

    @Test
    void helpListsTheExitCodes() throws Exception {
        Cli.Result r = Cli.run("", "eval", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Exit codes:") && r.stdout().contains("4   timed out"), r::toString);
    }

    @Test
    void aTypoInAServiceNameIsNotMistakenForAStoppedService(@TempDir Path work) throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        Files.writeString(run.resolve("greeter.pid"), "1\n0\n");
        Files.writeString(run.resolve("orders.port"), "1\n");
        for (String command : List.of("status", "stop")) {
            Cli.Result r = Cli.run("", command, "nosuch", "--dir", run.toString());
            assertTrue(r.stdout().contains("no service named nosuch in " + run + " (known: greeter, orders)")
                    || r.stderr().contains("no service named nosuch in " + run + " (known: greeter, orders)"), r::toString);
        }
        Cli.Result eval = Cli.run("", "eval", "--dir", run.toString(), "--name", "nosuch", "1");
        assertEquals(3, eval.exitCode(), eval::toString);
        assertEquals("hotline: no service named nosuch in " + run + " (known: greeter, orders)\n", eval.stderr());
    }

    @Test
    void aMissingConfigFileIsNamedOnceAndACommentAfterAValueIsRefused(@TempDir Path work) throws Exception {
        Cli.Result missing = Cli.run("", "start", work.resolve("none.properties").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertEquals("hotline: config file " + work.resolve("none.properties") + " does not exist\n", missing.stderr());
        Path conf = Files.write(work.resolve("bad.properties"), List.of("main=dev.acme.Main     # or jar=app.jar"));
        Cli.Result comment = Cli.run("", "start", conf.toString());
        assertEquals(2, comment.exitCode(), comment::toString);
        assertTrue(comment.stderr().contains(conf + ":1: the value of main holds ' #': comments must start their own line"),
                comment::toString);
    }

    @Test
    void everyHelpFitsEightyColumnsAndNoDescriptionIsCutMidSentence() throws Exception {
        Cli.Result root = Cli.run("", "--help");
        List<String> lines = root.stdout().lines().toList();
        List<String> commands = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (String line : lines.subList(lines.indexOf("Commands:") + 1, lines.size())) {
            if (line.isBlank() || !line.startsWith("  ")) {
                break;
            }
            if (!line.startsWith("    ")) { // a new command: "  name, alias  Description..."
                assertSentence(entry);
                entry.setLength(0);
                commands.add(line.strip().split("[ ,]")[0]);
            }
            entry.append(line.strip()).append(' ');
        }
        assertSentence(entry);
        assertTrue(commands.size() > 15, root::toString);
        for (String command : commands) {
            Cli.Result help = Cli.run("", command, "--help");
            assertEquals(0, help.exitCode(), help::toString);
            help.stdout().lines().forEach(l -> assertTrue(l.length() <= 80, command + ": over 80 columns: " + l));
            List<String> text = help.stdout().lines().toList();
            int description = 1;
            while (text.get(description).startsWith(" ")) { // the usage line's continuations
                description++;
            }
            StringBuilder paragraph = new StringBuilder();
            for (int j = description; j < text.size() && !text.get(j).startsWith(" ") && !text.get(j).isBlank(); j++) {
                paragraph.append(text.get(j)).append(' ');
            }
            assertSentence(paragraph);
        }
    }

    @Test
    void aSessionNameTheServiceWouldRefuseIsAUsageError() throws Exception {
        Cli.Result r = Cli.run("", "eval", "--session", "no spaces", "--port", "1", "1+1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("invalid session name 'no spaces'"), r::toString);
    }

    @Test
    void versionSaysTheBuildItsCommitAndTheJdk() throws Exception {
        Cli.Result r = Cli.run("", "--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().matches("(?s)hotline \\d+\\.\\d+\\.\\d+\\S*, commit ([0-9a-f]{12}|unknown)\nJava 17\\S* \\(.*\\) at /.*\n"),
                r::toString);
    }

    private static void assertSentence(CharSequence text) {
        String t = text.toString().strip();
        assertTrue(t.isEmpty() || t.endsWith(".") || t.endsWith(")"), "cut mid-sentence: " + t);
    }
}
