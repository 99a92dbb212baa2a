package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotline repl} in a real terminal: tmux runs it against the greeter sample, {@code send-keys} types
 * code, TAB and Ctrl-C, and {@code capture-pane} shows what a person would see.
 */
class ReplInTmuxTest {
    @Test
    void typesCompletesAndInterruptsInARealTerminal(@TempDir Path work) throws Exception {
        try (TargetJvm greeter = TargetJvm.start(Jdk.build(), work.resolve("run"), "greeter", "",
                Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService")) {
            String command = "env HOME=" + work + " " + Jdk.build().java() + " -jar " + Artifacts.clientJar()
                    + " repl --dir " + greeter.runDir() + " --name greeter";
            try (Tmux terminal = new Tmux("repl", command)) {
                terminal.awaitScreen("greeter:main>");

                terminal.keys("1+1", "Enter");
                terminal.awaitScreen("$1 ==> 2");

                terminal.keys("dev.hotline.samples.greeter.Greeter.tem", "Tab");
                terminal.awaitScreen("dev.hotline.samples.greeter.Greeter.template");
                terminal.keys("Enter");
                terminal.awaitScreen("==> \"Hello, %s!\"");

                terminal.keys("int twice(int x) {", "Enter");
                terminal.awaitScreen("...>");
                terminal.keys("return 2 * x; }", "Enter");
                terminal.awaitScreen("created method twice(int)");

                terminal.keys("while (true) { }", "Enter");
                Thread.sleep(1000);
                terminal.keys("C-c");
                terminal.awaitScreen("evaluation interrupted");
                terminal.keys("twice(21)", "Enter");
                String screen = terminal.awaitScreen("==> 42");
                assertTrue(screen.lines().filter(l -> l.startsWith("greeter:main>")).count() >= 6, screen);
            }
        }
    }
}
