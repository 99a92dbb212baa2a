package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad snippets and bad clients cannot hurt the service: output and values are cut at their limits, extra and
 * idle connections are closed, OutOfMemoryError and StackOverflowError are reported, a client that leaves
 * mid-evaluation leaves nothing behind. On JDK 17 and 25.
 */
class LimitsTest {
    @TempDir
    Path work;

    @Test
    void aGigabyteOfOutputIsCutWithANoteAndLongValuesAreCut() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, "max-output=1048576,max-value=1000");
                 WireClient client = WireClient.framed(target)) {
                client.frame("(:op :eval :id 1 :code \"byte[] mb = new byte[1 << 20]; java.util.Arrays.fill(mb, (byte) 'x');"
                        + " for (int i = 0; i < 1024; i++) System.out.write(mb, 0, mb.length); System.out.flush(); 42\")");
                long outBytes = 0;
                String note = null;
                String value = null;
                for (Plist reply = client.reply(); ; reply = client.reply()) {
                    outBytes += reply.string("out").map(String::length).orElse(0);
                    note = reply.string("err").filter(e -> e.contains("cut this output")).orElse(note);
                    value = reply.string("value").orElse(value);
                    if (reply.keywords("status").contains("done")) {
                        break;
                    }
                }
                assertEquals(1 << 20, outBytes, jdk.label() + ": exactly max-output bytes arrive");
                assertTrue(note != null && note.contains("after 1048576 bytes"), jdk.label() + ": " + note);
                assertEquals("42", value, jdk.label() + ": the evaluation went on to its value");
                String longValue = client.eval("\"y\".repeat(5000)");
                assertTrue(longValue.startsWith("\"yyy") && longValue.contains("[cut by Hotline: 5002 characters in all"),
                        jdk.label() + ": " + longValue.substring(0, Math.min(200, longValue.length())));
                assertTrue(longValue.length() < 1200, jdk.label());
            }
        }
    }

    @Test
    void aRequestLongerThanTheEvalTimeoutIsInterrupted() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, "eval-timeout=2");
                 WireClient client = WireClient.framed(target)) {
                long t0 = System.nanoTime();
                String end = client.eval("while (true) { }");
                long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
                assertTrue(end.startsWith("error: evaluation interrupted"), jdk.label() + ": " + end);
                assertTrue(seconds >= 2 && seconds < 10, jdk.label() + ": " + seconds + " s");
                assertEquals("2", client.eval("1+1"), jdk.label());
            }
        }
    }

    @Test
    void outOfMemoryAndStackOverflowAreReportedAndTheSessionGoesOn() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, ""); WireClient client = WireClient.framed(target)) {
                client.eval("int down(int n) { return down(n + 1) + 1; }");
                assertTrue(client.eval("down(0)").startsWith("error: java.lang.StackOverflowError"), jdk.label());
                String oom = client.eval("long[] huge = new long[Integer.MAX_VALUE - 8];");
                assertTrue(oom.startsWith("error: java.lang.OutOfMemoryError"), jdk.label() + ": " + oom);
                assertEquals("2", client.eval("1+1"), jdk.label());
                assertTrue(target.isAlive(), jdk.label());
            }
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAndIdleOnesClosedButNotBusyOnes() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, "max-connections=3,idle-timeout=2")) {
                List<WireClient> open = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    open.add(WireClient.framed(target));
                }
                try (WireClient extra = new WireClient(target.port())) {
                    String refusal = extra.readUntilClosed();
                    assertTrue(refusal.startsWith("error: too many connections (3 open"), jdk.label() + ": " + refusal);
                }
                assertEquals("2", open.get(0).eval("Thread.sleep(3000); 1+1"),
                        jdk.label() + ": waiting for an answer longer than idle-timeout is not idleness");
                Thread.sleep(3000);
                for (WireClient c : open) {
                    assertTrue(c.closedByServer(5000), jdk.label() + ": idle for more than idle-timeout: closed");
                    c.close();
                }
                try (WireClient again = WireClient.framed(target)) {
                    assertEquals("4", again.eval("2+2"), jdk.label() + ": closing them freed their places");
                }
            }
        }
    }

    @Test
    void aClientLeavingInTheMiddleOfAnEvaluationLeavesTheSessionUsableAndNoThreadsBehind() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            try (TargetJvm target = TargetJvm.greeter(jdk, work, ""); WireClient probe = WireClient.framed(target)) {
                probe.eval("probe", "1");
                String before = probe.eval("probe", "Thread.activeCount()");
                for (int i = 0; i < 5; i++) {
                    try (WireClient leaving = WireClient.framed(target)) {
                        leaving.frame("(:op :eval :id 1 :code \"for (int i = 0; i < 20; i++) { System.out.println(i);"
                                + " Thread.sleep(100); }\")");
                        leaving.reply();
                    }
                }
                assertEquals("2", probe.eval("1+1"), jdk.label() + ": main still answers, after the abandoned evals ran out");
                Thread.sleep(500);
                String after = probe.eval("probe", "Thread.activeCount()");
                assertTrue(Integer.parseInt(after) <= Integer.parseInt(before) + 1,
                        jdk.label() + ": threads before " + before + ", after " + after);
            }
        }
    }
}
