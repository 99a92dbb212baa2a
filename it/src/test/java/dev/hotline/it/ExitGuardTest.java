package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluated code cannot stop the service (System.exit, Runtime.exit, Runtime.halt), on JDK 17 and 25. */
class ExitGuardTest {
    @TempDir
    Path work;

    @Test
    void exitsFromSnippetsAndTheirThreadsAreRefusedWhileTheServiceCanStillShutDown() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, ""); WireClient client = WireClient.framed(target)) {
                String exit = client.eval("System.exit(3)");
                assertTrue(exit.startsWith("error: java.lang.SecurityException: exit(3) refused"), jdk.label() + ": " + exit);
                assertTrue(client.eval("Runtime.getRuntime().halt(4)").contains("exit(4) refused"), jdk.label());
                assertTrue(client.eval("Runtime.getRuntime().exit(5)").contains("exit(5) refused"), jdk.label());
                client.eval("Thread t = new Thread(() -> System.exit(6)); t.start(); t.join();");
                assertEquals("2", client.eval("1+1"), jdk.label() + ": the service survived an exit from a snippet's thread");
                assertTrue(target.isAlive(), jdk.label());

                client.command("main", "/shutdown");
                assertTrue(target.process().waitFor(30, TimeUnit.SECONDS), jdk.label() + ": /shutdown still stops it");
            }
        }
    }

    @Test
    void exitGuardFalseLetsSnippetsExit() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, "exit-guard=false");
                 WireClient client = WireClient.framed(target)) {
                client.frame("(:op :eval :id 1 :code \"System.exit(7)\")");
                assertTrue(target.process().waitFor(30, TimeUnit.SECONDS), jdk.label());
                assertEquals(7, target.process().exitValue(), jdk.label());
                assertFalse(target.isAlive(), jdk.label());
            }
        }
    }
}
