package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A method called a million times by 16 threads while traced for a client that does not read until they are
 * done: the traced threads never wait, the service answers meanwhile, its heap stays as it was, and every call
 * is accounted for, shown or counted as not shown.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class TraceStressTest {
    private static final int THREADS = 16;
    private static final int CALLS = 1_000_000;
    private static final String LOAD = "var threads = new java.util.ArrayList<Thread>();\n"
            + "for (int t = 0; t < " + THREADS + "; t++) {\n"
            + "    Thread thread = new Thread(() -> { for (int i = 0; i < " + CALLS / THREADS + "; i++) "
            + "dev.hotline.samples.greeter.Greeter.greet(\"stress\"); });\n"
            + "    threads.add(thread);\n    thread.start();\n}\n"
            + "for (Thread thread : threads) thread.join();\n"
            + "\"done\"\n";
    private static final String HEAP_AFTER_GC = "System.gc(); "
            + "(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024)";

    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    @Test
    void aMillionCallsForASlowReaderAreShownOrCountedAndTheServiceStaysResponsive() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "");
             WireClient slow = WireClient.framed(greeter)) {
            assertEquals(0, Cli.eval(greeter, "dev.hotline.samples.greeter.Greeter.greet(\"warm-up\")").exitCode());
            long heapBefore = Long.parseLong(Cli.eval(greeter, HEAP_AFTER_GC).stdout().strip());

            slow.frame(Plist.builder().put(Wire.OP, "trace").put(Wire.ID, 1)
                    .put("spec", "dev.hotline.samples.greeter.Greeter::greet").put("count", CALLS).build().toString());
            Plist started = slow.reply();
            assertTrue(started.has("tracing"), started::toString);

            Cli.Running load = Cli.start("eval", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                    "--session", "load", LOAD);
            Cli.Result meanwhile = Cli.eval(greeter, "6 * 7");
            assertEquals("42\n", meanwhile.stdout(), "the service answers while traced calls pour in: " + meanwhile);
            Cli.Result loaded = load.finish();
            assertTrue(loaded.stdout().endsWith("\"done\"\n"), loaded::toString);
            long heapAfter = Long.parseLong(Cli.eval(greeter, HEAP_AFTER_GC).stdout().strip());
            assertTrue(heapAfter - heapBefore < 64, "the heap stays bounded: " + heapBefore + " MB before, "
                    + heapAfter + " MB after a million traced calls not yet read");

            long calls = 0;
            long droppedNotes = 0;
            Plist reply;
            while (!(reply = slow.reply()).has(Wire.STATUS)) {
                if (reply.has("call")) {
                    calls++;
                }
                droppedNotes += reply.integer("dropped").orElse(0L);
            }
            long shown = reply.integer("shown").orElseThrow();
            long dropped = reply.integer("dropped").orElseThrow();
            assertEquals(CALLS, shown + dropped, reply::toString);
            assertEquals(shown, calls, "every call shown arrived");
            assertTrue(dropped > 0 && droppedNotes <= dropped, "drops were told as they happened: " + droppedNotes
                    + " of " + dropped);
            assertEquals("reason \"" + CALLS + " calls traced\"", "reason \"" + reply.string("reason").orElse("") + "\"");
        }
    }
}
