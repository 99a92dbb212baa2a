package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program in a real terminal: a tmux server of this test's own (its socket named after the JVM), one window,
 * keys typed with {@code send-keys} and the screen read with {@code capture-pane}.
 */
final class Tmux implements AutoCloseable {
    private static final String WINDOW = "main";
    private final String socket;

    /** Starts {@code command} (run by the shell) in a 160x50 terminal. */
    Tmux(String name, String command) throws IOException, InterruptedException {
        this.socket = "hotline-it-" + name + "-" + ProcessHandle.current().pid();
        tmux("new-session", "-d", "-s", WINDOW, "-x", "160", "-y", "50", command);
    }

    /** Types keys: text, or tmux's key names ({@code Enter}, {@code Tab}, {@code C-c}). */
    void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", WINDOW));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** The screen once it shows {@code text}; fails with the screen after 30 s. */
    String awaitScreen(String text) throws IOException, InterruptedException {
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

    @Override
    public void close() throws IOException, InterruptedException {
        tmux("kill-server");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
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
