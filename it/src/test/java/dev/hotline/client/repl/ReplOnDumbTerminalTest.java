package dev.hotline.client.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.it.Artifacts;
import dev.hotline.it.Cli;
import dev.hotline.it.Jdk;
import dev.hotline.it.TargetJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.reader.Candidate;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REPL on a dumb JLine terminal over pipes (no real terminal), against the greeter sample with the
 * agent, on target JVMs 17 and 25: multi-line input, completion, history, and Ctrl-C.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplOnDumbTerminalTest {
    /** The target JDK of this run of the class; its lifecycle methods receive it too. */
    @Parameter
    private Jdk jdk;
    private static TargetJvm greeter;
    private static Path history;

    @BeforeParameterizedClassInvocation
    static void start(Jdk jdk, @TempDir Path work) throws Exception {
        greeter = TargetJvm.start(jdk, work.resolve("run"), "greeter", "", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService");
        history = work.resolve("history");
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        greeter.close();
    }

    @Test
    @Order(1)
    void multiLineSnippetContinuesUntilComplete() throws Exception {
        try (ReplSession repl = new ReplSession()) {
            repl.type("int cube(int x) {\n");
            repl.type("  return x * x * x;\n");
            repl.type("}\n");
            repl.awaitOutput("created method cube(int)");
            repl.type("cube(3)\n");
            repl.awaitOutput("==> 27");
        }
    }

    @Test
    @Order(2)
    void completionOffersTheAppsClassesAndMembers() throws Exception {
        try (ReplSession repl = new ReplSession()) {
            String line = "dev.hotline.samples.greeter.Greeter.te";
            List<Candidate> candidates = new ArrayList<>();
            new ServerCompleter(repl.connection, "main", List.of("help"))
                    .complete(null, new JavaLineParser(code -> true).parse(line, line.length(), null), candidates);
            assertEquals(List.of("template"), candidates.stream().map(Candidate::value).toList());

            String partial = "dev.hotline.samples.greeter.Gree";
            List<Candidate> classes = new ArrayList<>();
            new ServerCompleter(repl.connection, "main", List.of("help"))
                    .complete(null, new JavaLineParser(code -> true).parse(partial, partial.length(), null), classes);
            assertTrue(classes.stream().map(Candidate::value).toList().containsAll(List.of("Greeter", "GreeterService")),
                    classes::toString);
        }
    }

    @Test
    @Order(3)
    void historyIsWrittenAndReadBack() throws Exception {
        try (ReplSession repl = new ReplSession()) {
            repl.type("40 + 2\n");
            repl.awaitOutput("==> 42");
        }
        assertTrue(Files.readString(history.resolve("greeter")).contains("40 + 2"), "history file written");
        try (ReplSession again = new ReplSession()) {
            again.type("/history\n");
            again.awaitOutput("40 + 2"); // loaded from the file by the new REPL
        }
    }

    @Test
    @Order(4)
    void ctrlCStopsALoopAndTheSessionKeepsItsDeclarations() throws Exception {
        try (ReplSession repl = new ReplSession()) {
            repl.type("while (true) { }\n");
            Thread.sleep(1500);
            repl.type("\u0003");
            repl.awaitOutput("interrupted");
            repl.type("cube(2)\n");
            repl.awaitOutput("==> 8");
        }
    }

    @Test
    @Order(5)
    void ctrlCStopsASleep() throws Exception {
        try (ReplSession repl = new ReplSession()) {
            repl.type("Thread.sleep(60_000)\n");
            Thread.sleep(1500);
            repl.type("\u0003");
            repl.awaitOutput("interrupted");
            repl.type("cube(4)\n");
            repl.awaitOutput("==> 64");
        }
    }

    /** A loop in application code: on JDK 25 JShell cannot stop it, the native stopper does. */
    @Test
    @Order(6)
    void ctrlCOnALoopInsideAppCodeGivesThePromptBack() throws Exception {
        try (ReplSession repl = new ReplSession()) {
            repl.type("dev.hotline.samples.greeter.Chores.spinForever()\n");
            Thread.sleep(1500);
            repl.type("\u0003");
            String message = repl.awaitOutput("interrupted");
            assertFalse(message.contains("keeps running"), message);
            repl.type("cube(5)\n");
            repl.awaitOutput("==> 125");
            repl.type("/status\n");
            String status = repl.awaitOutput("connections:");
            assertFalse(status.contains("left running"), "stopped, not abandoned: " + status);
        }
    }

    @Test
    @Order(7)
    void saveWritesTheDeclarationsThatEvalOfTheFileRestoresAfterAReset() throws Exception {
        Path saved = history.resolveSibling("saved.jsh");
        try (ReplSession repl = new ReplSession("files", "vi")) {
            repl.type("int square(int x) { return x * x; }\n");
            repl.awaitOutput("created method square(int)");
            repl.type("String motto = \"kept\";\n");
            repl.awaitOutput("motto ==> \"kept\"");
            repl.type("6 * 7\n");
            repl.awaitOutput("==> 42");
            repl.type("/save " + saved + "\n");
            repl.awaitOutput("| saved 2 declarations of session files to " + saved);
            repl.type("/reset\n");
            repl.awaitOutput("reset: all declarations dropped");
        }
        assertEquals("int square(int x) { return x * x; }\n\nString motto = \"kept\";\n", Files.readString(saved));
        String dir = greeter.runDir().toString();
        assertEquals(1, Cli.run("", "eval", "--dir", dir, "--name", "greeter", "--session", "files", "square(2)").exitCode(),
                "the reset dropped it");
        Cli.Result restore = Cli.run(Files.readString(saved), "eval", "--dir", dir, "--name", "greeter", "--session", "files");
        assertEquals(0, restore.exitCode(), restore::toString);
        Cli.Result after = Cli.run("", "eval", "--dir", dir, "--name", "greeter", "--session", "files", "motto + square(7)");
        assertEquals("\"kept49\"\n", after.stdout(), after::toString);
    }

    @Test
    @Order(8)
    void editRunsTheEditorOnADeclarationAndEvaluatesWhatItLeaves() throws Exception {
        Path editor = history.resolveSibling("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/return x \\* x;/return x * x * x;/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        try (ReplSession repl = new ReplSession("editing", editor.toString())) {
            repl.type("int power(int x) { return x * x; }\n");
            repl.awaitOutput("created method power(int)");
            repl.type("/edit power\n");
            repl.awaitOutput("replaced method power(int)");
            repl.type("power(3)\n");
            repl.awaitOutput("==> 27");
        }
    }

    /** A REPL running on its own thread, typed into through a pipe. */
    private final class ReplSession implements AutoCloseable {
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        private final ReplConnection connection;
        private final CompletableFuture<Integer> exit;

        ReplSession() throws Exception {
            this("main", "vi");
        }

        /** A REPL in {@code session} whose {@code /edit} runs {@code editor}. */
        ReplSession(String session, String editor) throws Exception {
            PipedInputStream in = new PipedInputStream(keyboard, 1 << 16);
            DumbTerminal terminal = new DumbTerminal("test", "dumb", in, screen, StandardCharsets.UTF_8);
            Target target = new Target("127.0.0.1", greeter.port(), Optional.of(greeter.token()));
            connection = new ReplConnection(NativeConnection.open(target));
            exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return Repl.start(terminal, connection, session, false, history, editor);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        void type(String keys) throws IOException {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        String output() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until the screen shows {@code text}; returns the screen. */
        String awaitOutput(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String now = output();
                if (now.contains(text)) {
                    return now;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the REPL did not show '" + text + "' in time; screen:\n" + output());
        }

        @Override
        public void close() throws Exception {
            keyboard.close(); // end of input, like Ctrl-D on a real terminal
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), this::output);
            connection.close();
        }
    }
}
