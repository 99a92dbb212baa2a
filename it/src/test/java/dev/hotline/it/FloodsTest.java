package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Frames;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients that come by the thousand and vanish, or that read nothing: the service's file descriptors and threads
 * come back to where they were, its heap stays bounded, and the session answers afterwards.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class FloodsTest {
    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    /**
     * 10,000 connections that close at once or after half a token, then 1,000 that send nothing and end their
     * sending side: none is held (the auth timeout is set to an hour here, so nothing is left to it).
     */
    @Test
    void thousandsOfConnectionsThatVanishLeaveNothingBehind() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "auth-timeout=3600,max-connections=2000");
             WireClient client = WireClient.framed(greeter)) {
            assertEquals("2", client.eval("1+1"));
            long heapBefore = heapAfterGc(client);
            int fds = count("fd", greeter.pid());
            int threads = count("task", greeter.pid());
            for (int i = 0; i < 10_000; i++) {
                try (Socket s = new Socket("127.0.0.1", greeter.port())) {
                    if (i % 2 == 1) {
                        s.getOutputStream().write("hl_".getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            List<Socket> halfOpen = new ArrayList<>();
            try {
                for (int i = 0; i < 1_000; i++) {
                    Socket s = new Socket("127.0.0.1", greeter.port());
                    halfOpen.add(s);
                    s.shutdownOutput();
                }
                for (Socket s : halfOpen) {
                    s.setSoTimeout(30_000);
                    assertEquals(-1, s.getInputStream().read(), "the service closed a connection that ended unauthenticated");
                }
            } finally {
                for (Socket s : halfOpen) {
                    s.close();
                }
            }
            awaitCount("fd", greeter.pid(), fds);
            int threadsAfter = count("task", greeter.pid());
            assertTrue(threadsAfter <= threads + 4, "threads (the JVM adds and removes a few of its own, JIT and GC):"
                    + " " + threads + " before, " + threadsAfter + " after");
            long heapAfter = heapAfterGc(client);
            assertTrue(heapAfter < heapBefore + (16 << 20), "heap after GC: " + heapBefore + " then " + heapAfter);
            assertEquals("2", client.eval("1+1"));
        }
    }

    /**
     * A client asks for 100 MB of output and reads none of it: the printing thread waits (the service holds at
     * most a socket buffer's worth), the service answers others meanwhile, and once the client goes the snippet
     * runs to its end with its output dropped, and the session answers again.
     */
    @Test
    void aClientThatReadsNothingHoldsUpItsSnippetAndNotTheServicesMemory() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "");
             WireClient other = WireClient.framed(greeter)) {
            assertEquals("2", other.eval("1+1"));
            long heapBefore = heapAfterGc(other);
            try (Socket silent = new Socket("127.0.0.1", greeter.port())) {
                silent.setReceiveBufferSize(4096);
                silent.getOutputStream().write(Frames.encode(greeter.token()));
                silent.getOutputStream().write(Frames.encode("(:op \"eval\" :id 1 :code \"String line = \\\"x\\\".repeat(1023)"
                        + " + \\\"\\\\n\\\"; for (int i = 0; i < 100 * 1024; i++) System.out.print(line); \\\"printed\\\"\")"));
                awaitBlockedPrinter(other);
                assertEquals("2", other.eval("probe", "1+1"), "another session answers while the printer waits");
                long heapHeld = heapAfterGc(other);
                assertTrue(heapHeld < heapBefore + (32 << 20), "heap while 100 MB wait to be read: " + heapBefore
                        + " then " + heapHeld);
            }
            assertEquals("2", other.eval("1+1"), "the session answers once the silent client has gone");
        }
    }

    /** Waits until session main's worker is blocked writing output (its thread waits in Backpressure). */
    private static void awaitBlockedPrinter(WireClient client) throws Exception {
        for (int i = 0; i < 300; i++) {
            String dump = client.command("probe", "/threads");
            if (dump.contains("Backpressure.awaitWritable")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no thread waits for the silent client to read");
    }

    private static long heapAfterGc(WireClient client) throws IOException {
        return Long.parseLong(client.eval("probe", "System.gc(); Runtime.getRuntime().totalMemory()"
                + " - Runtime.getRuntime().freeMemory()"));
    }

    private static int count(String what, long pid) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc", String.valueOf(pid), what))) {
            return (int) entries.count();
        }
    }

    /** Waits until the process holds at most {@code expected} of {@code what}; fails saying how many it holds. */
    private static void awaitCount(String what, long pid, int expected) throws Exception {
        int now = count(what, pid);
        for (int i = 0; i < 100 && now > expected; i++) {
            Thread.sleep(100);
            now = count(what, pid);
        }
        assertTrue(now <= expected, what + ": " + expected + " before, " + now + " after");
    }
}
