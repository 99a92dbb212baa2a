package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt stops a runaway evaluation wherever it loops, on JDK 17 and 25: in the snippet, in a sleep,
 * and in application code (where JDK 25's JShell cannot reach and the JVMTI stopper does). Without the stopper
 * the session abandons the thread and goes on. That the stop comes within a second is measured by
 * bench/interrupt.sh, not asserted here.
 */
class InterruptTest {
    @TempDir
    Path work;

    @Test
    void loopsInSnippetsSleepsAndApplicationCodeAreStopped() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, ""); WireClient client = WireClient.framed(target)) {
                client.eval("long kept = 41;");
                for (String runaway : List.of("while (true) { }", "Thread.sleep(600_000)",
                        "dev.hotline.samples.greeter.Chores.spinForever()")) {
                    Plist end = interrupt(client, runaway);
                    assertTrue(end.keywords("status").contains("interrupted"), jdk.label() + " " + runaway + ": " + end);
                    assertTrue(!end.string("message").orElse("").contains("keeps running"),
                            jdk.label() + " " + runaway + ": stopped, not abandoned: " + end);
                }
                assertEquals("42", client.eval("kept + 1"), jdk.label() + ": the same session goes on");
                assertTrue(!client.command("main", "/status").contains("left running"), jdk.label());
            }
        }
    }

    @Test
    void withoutTheStopperALoopInApplicationCodeIsAbandonedAndTheSessionGoesOn() throws Exception {
        try (TargetJvm target = TargetJvm.greeter(Jdk.jdk25(), work, "stop-threads=false");
             WireClient client = WireClient.framed(target)) {
            client.eval("long kept = 41;");
            Plist end = interrupt(client, "dev.hotline.samples.greeter.Chores.spinForever()");
            assertTrue(end.string("message").orElse("").contains("keeps running"), end.toString());
            assertEquals("42", client.eval("kept + 1"), "the variable was carried to the fresh JShell");
            assertTrue(client.command("main", "/status").contains("left running"));
        }
    }

    /**
     * Starts {@code code}, interrupts it after a second, and returns the eval's final reply. How long the stop
     * takes is measured by bench/interrupt.sh (a timed assertion here would fail on a loaded machine); this
     * only bounds it, so that a stop that never comes fails rather than hangs.
     */
    private static Plist interrupt(WireClient client, String code) throws Exception {
        client.frame("(:op :eval :id 1 :code \"" + code + "\")");
        Thread.sleep(1000);
        client.frame("(:op :interrupt :id 2)");
        long t0 = System.nanoTime();
        Plist evalEnd = null;
        boolean interruptAnswered = false;
        while (evalEnd == null || !interruptAnswered) {
            Plist reply = client.reply();
            long id = reply.integer("id").orElse(0L);
            if (id == 1 && reply.keywords("status").contains("done")) {
                evalEnd = reply;
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(millis < 15_000, code + " took " + millis + " ms to stop");
            }
            interruptAnswered |= id == 2 && reply.keywords("status").contains("done");
        }
        return evalEnd;
    }
}
