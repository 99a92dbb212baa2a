package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived session stays bounded: JShell keeps every snippet it evaluated, so a session moves to a fresh
 * JShell every 1,000 snippets (and on {@code /recycle}), keeping its declarations and its variables' values.
 */
class SessionRecycleTest {
    private static final int SNIPPETS = 10_000;
    private static final int PER_REQUEST = 100;
    private static final long EARLY_MEMORY_MARGIN_MB = 20;

    @TempDir
    Path work;

    /** Both JDKs at once: 10,000 compiles take minutes, and each target keeps one core busy. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aSessionThatEvaluatedTenThousandSnippetsKeepsItsDeclarationsAndItsEarlyMemoryUseOnJdk17AndJdk25()
            throws Exception {
        CompletableFuture<Void> on17 = CompletableFuture.runAsync(() -> check(Jdk.build()));
        CompletableFuture<Void> on25 = CompletableFuture.runAsync(() -> check(Jdk.jdk25()));
        on17.get(15, TimeUnit.MINUTES);
        on25.get(15, TimeUnit.MINUTES);
    }

    private void check(Jdk jdk) {
        try (TargetJvm target = TargetJvm.greeter(jdk, work, "");
             WireClient client = WireClient.framed(target)) {
            client.eval("import java.util.*;");
            client.eval("List<String> seen = new ArrayList<>(List.of(\"before\"));");
            client.eval("long total = 0;");
            client.eval("long twice(long x) { return 2 * x; }");
            client.eval("record Point(int x, int y) { }");
            client.eval("Point origin = new Point(3, 4);");
            long early = heapUsedMb(client);
            long started = System.nanoTime();

            for (int first = 1; first <= SNIPPETS; first += PER_REQUEST) {
                StringBuilder batch = new StringBuilder();
                for (int n = first; n < first + PER_REQUEST; n++) {
                    batch.append("total = total + twice(").append(n).append(");\n");
                }
                String last = client.eval(batch.toString());
                assertTrue(last != null && !last.startsWith("error"), jdk.label() + ": " + last);
            }
            long evaluated = heapUsedMb(client);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(client.command("main", "/recycle").contains("recycled"), jdk.label());
            assertEquals(String.valueOf((long) SNIPPETS * (SNIPPETS + 1)), client.eval("total"),
                    jdk.label() + ": every snippet ran once, and total kept its value across the recycles");
            assertEquals("[before]", client.eval("seen"), jdk.label());
            assertEquals("Point[x=3, y=4]", client.eval("origin"), jdk.label());
            assertEquals("42", client.eval("twice(21)"), jdk.label());
            long recycled = heapUsedMb(client);
            assertTrue(recycled <= early + EARLY_MEMORY_MARGIN_MB, jdk.label() + ": heap after " + SNIPPETS
                    + " snippets and a recycle is " + recycled + " MB, it was " + early + " MB early on");
            assertTrue(target.isAlive());
            System.out.printf("JDK %s: %d snippets in %d s; heap early %d MB, after them %d MB, after /recycle %d MB%n",
                    jdk.label(), SNIPPETS, seconds, early, evaluated, recycled);
        } catch (Exception e) {
            throw new AssertionError(jdk.label() + ": " + e, e);
        }
    }

    /** Heap in use after a full collection, measured from a session of its own so main's count is untouched. */
    private static long heapUsedMb(WireClient client) throws Exception {
        String used = client.eval("probe", "System.gc(); System.gc(); "
                + "java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20");
        return Long.parseLong(used);
    }
}
