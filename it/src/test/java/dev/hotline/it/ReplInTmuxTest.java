package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotline repl} in a real terminal: tmux runs it against the greeter sample, {@code send-keys} types
 * code, TAB and Ctrl-C, and {@code capture-pane} shows what a person would see.
 */
class ReplInTmuxTest {
    private static final String SOCKET = "hotline-it-" + ProcessHandle.current().pid();
    private static final String WINDOW = "repl";

    @Test
    void typesCompletesAndInterruptsInARealTerminal(@TempDir Path work) throws Exception {
        try (TargetJvm greeter = TargetJvm.start(Jdk.build(), work.resolve("run"), "greeter", "",
                Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService")) {
            String command = "env HOME=" + work + " " + Jdk.build().java() + " -jar " + Artifacts.clientJar()
                    + " repl --dir " + greeter.runDir() + " --name greeter";
            tmux("new-session", "-d", "-s", WINDOW, "-x", "160", "-y", "50", command);
            try {
                awaitScreen("greeter:main>");

                keys("1+1", "Enter");
                awaitScreen("$1 ==> 2");

                keys("dev.hotline.samples.greeter.Greeter.tem", "Tab");
                awaitScreen("dev.hotline.samples.greeter.Greeter.template");
                keys("Enter");
                awaitScreen("==> \"Hello, %s!\"");

                keys("int twice(int x) {", "Enter");
                awaitScreen("...>");
                keys("return 2 * x; }", "Enter");
                awaitScreen("created method twice(int)");

                keys("while (true) { }", "Enter");
                Thread.sleep(1000);
                keys("C-c");
                awaitScreen("evaluation interrupted");
                keys("twice(21)", "Enter");
                String screen = awaitScreen("==> 42");
                assertTrue(screen.lines().filter(l -> l.startsWith("greeter:main>")).count() >= 6, screen);
            } finally {
                tmux("kill-server");
            }
        }
    }

    private static void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", WINDOW));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private static String awaitScreen(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", WINDOW);
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("tmux never showed '" + text + "'; the pane:\n" + screen);
    }

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("tmux is needed for this test: apt-get install tmux", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        if (!args[0].equals("kill-server")) {
            assertEquals(0, p.exitValue(), () -> "tmux " + String.join(" ", args) + ": " + out);
        }
        return out;
    }
}
