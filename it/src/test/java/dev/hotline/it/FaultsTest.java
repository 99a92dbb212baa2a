package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults from inside and outside: the service keeps serving, Hotline keeps answering, and each fault is told in
 * words. Snippets that exhaust the heap, hold a lock the app needs, or leave non-daemon threads; a service that
 * is stopped (SIGSTOP); a port file that points at another service. The connection floods and the client that
 * reads nothing are {@link FloodsTest}'s.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class FaultsTest {
    private static final String GREET = "http://127.0.0.1:%d/greet?name=%s";

    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    private Path conf;

    /** A greeter under {@code hotline start}, with its HTTP port in {@code work/http.port}. */
    private Path config(String name, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("java-home=" + jdk.home(), "args=--port-file "
                + work.resolve("http.port")));
        lines.addAll(List.of(extra));
        conf = GreeterConfig.write(work, name, lines.toArray(String[]::new));
        return conf;
    }

    @AfterEach
    void killLeftovers() throws Exception {
        if (conf != null) {
            Cli.run("", "kill", conf.toString());
        }
    }

    private String greet(String name) throws Exception {
        return Http.get(String.format(GREET, Integer.parseInt(Files.readString(work.resolve("http.port")).strip()), name));
    }

    private Cli.Result eval(String service, String code, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("eval", "--dir", work.resolve("run").toString(), "--name", service));
        args.addAll(List.of(options));
        args.add(code);
        return Cli.run("", args.toArray(String[]::new));
    }

    @Test
    void aSnippetThatExhaustsTheHeapIsToldSoAndTheServiceServesOn() throws Exception {
        Cli.Result start = Cli.run("", "start", config("small", "jvm-options=-Xmx64m").toString());
        assertEquals(0, start.exitCode(), start::toString);
        // 8 MB at a time: the snippet's own request is the one the heap cannot hold, while small ones still fit. A heap
        // filled to the last byte is another fault: the error lands in whichever thread allocates next, and the JDK
        // HTTP server's dispatcher (the greeter's only non-daemon thread) dying of it ends the JVM (README, Faults).
        Cli.Result hog = eval("small", "{ var hog = new java.util.ArrayList<byte[]>(); while (true) hog.add(new byte[8 << 20]); }");
        // The error lands in the snippet, which reports it; should it land on Hotline's I/O thread first, that
        // closes that one connection: either way it is said, and what follows must work
        assertTrue(hog.exitCode() == 1 && hog.stderr().contains("java.lang.OutOfMemoryError: Java heap space")
                || hog.exitCode() == 3 && hog.stderr().contains("closed the connection before answering"), hog::toString);
        String greeting;
        try {
            greeting = greet("Ada");
        } catch (IOException e) {
            throw new AssertionError("the service does not answer HTTP (" + e + "); its log:\n"
                    + Files.readString(work.resolve("run/small.log")), e);
        }
        assertTrue(greeting.startsWith("Hello, Ada!"), "the service serves on");
        assertEquals("2\n", eval("small", "1+1").stdout(), "and the session answers the next evaluation");
    }

    @Test
    void aSnippetHoldingALockTheAppNeedsIsInterruptedAndTheAppGoesOn() throws Exception {
        assertEquals(0, Cli.run("", "start", config("locked").toString()).exitCode());
        assertEquals("2\n", eval("locked", "1+1").stdout());
        Cli.Running holder = Cli.start("eval", "--dir", work.resolve("run").toString(), "--name", "locked", "--timeout",
                "5", "synchronized (dev.hotline.samples.greeter.Plugins.DECORATORS) { System.out.println(\"locked\");"
                        + " while (true) { } }");
        holder.awaitStdout("locked");
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return greet("Bo");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(waiting.isDone(), "a greeting waits for the lock the snippet holds");
        Cli.Result held = holder.finish();
        assertEquals(4, held.exitCode(), held::toString);
        assertTrue(held.stderr().contains("timed out after 5.0 s; the evaluation was interrupted"), held::toString);
        assertTrue(waiting.get(30, TimeUnit.SECONDS).startsWith("Hello, Bo!"), "the interrupt let the lock go");
    }

    @Test
    void threadsASnippetLeftRunningDoNotHoldUpStop() throws Exception {
        Path c = config("spawner");
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        // The threads start a moment after the snippet: JShell joins the threads of a snippet's group that it sees
        // just after starting the snippet, so threads started at once may hold up the evaluation itself
        Cli.Result spawn = eval("spawner", "new Thread(() -> { try { Thread.sleep(500); } catch (InterruptedException e)"
                + " { } for (int i = 0; i < 3; i++) { Thread t = new Thread(() -> { while (true) { try {"
                + " Thread.sleep(1000); } catch (InterruptedException e) { } } }, \"stubborn-\" + i); t.setDaemon(false);"
                + " t.start(); } }).start(); \"spawned\"");
        assertEquals("\"spawned\"\n", spawn.stdout(), spawn::toString);
        Thread.sleep(1000);
        assertTrue(Cli.run("", "threads", "--dir", work.resolve("run").toString(), "--name", "spawner").stdout()
                .contains("\"stubborn-2\""), "the stubborn threads run");
        Cli.Result stop = Cli.run("", "stop", c.toString());
        assertEquals(0, stop.exitCode(), stop::toString);
        assertTrue(stop.stdout().contains("by the shutdown request"), stop::toString);
        assertEquals(3, Cli.run("", "status", c.toString()).exitCode(), "stopped");
    }

    @Test
    void aStoppedProcessIsNotAnsweringAndComesBackWhenContinued() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "")) {
            assertEquals("2\n", Cli.eval(greeter, "1+1").stdout());
            signal("STOP", greeter.pid());
            try {
                Cli.Result frozen = Cli.eval(greeter, "1+1", "--timeout", "2");
                assertEquals(4, frozen.exitCode(), frozen::toString);
                assertTrue(frozen.stderr().contains("is not answering: no reply within 2.0 s, nor within 1000 ms to an"
                        + " interrupt; is the process stopped (SIGSTOP, a debugger) or frozen?"), frozen::toString);
            } finally {
                signal("CONT", greeter.pid());
            }
            assertEquals("2\n", Cli.eval(greeter, "1+1").stdout(), "answers again once continued");
        }
    }

    @Test
    void aPortFileThatPointsAtAnotherServiceIsNeverTrusted() throws Exception {
        Path run = work.resolve("run");
        try (TargetJvm a = TargetJvm.start(jdk, run, "a", "", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService", "--port-file", work.resolve("a.http").toString());
             TargetJvm b = TargetJvm.start(jdk, run, "b", "", Artifacts.samplesClassPath(),
                     "dev.hotline.samples.greeter.GreeterService", "--port-file", work.resolve("b.http").toString())) {
            Files.writeString(a.portFile(), String.valueOf(b.port()));
            Cli.Result misled = Cli.run("", "eval", "--port-file", a.portFile().toString(), "System.exit(3)");
            assertEquals(3, misled.exitCode(), misled::toString);
            assertTrue(misled.stderr().contains("refused the token: either the port file is stale and this port is"
                    + " now another service's, or the token file is not this service's; nothing was sent beyond the"
                    + " token"), misled::toString);
            assertTrue(b.isAlive() && a.isAlive());
            assertTrue(b.stderr().contains("missing or wrong token"), b.stderr());
        }
    }

    @Test
    void manyEvaluationsLeaveNoThreadGroupsBehind() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, ""); WireClient client = WireClient.framed(greeter)) {
            for (int i = 0; i < 500; i++) {
                assertEquals(String.valueOf(i), client.eval(String.valueOf(i)));
            }
            // JShell's LocalExecutionControl makes a thread group per snippet, which JDK 17 keeps for good
            String groups = client.eval("System.gc(); Thread.currentThread().getThreadGroup().getParent().activeGroupCount()");
            assertTrue(Integer.parseInt(groups) < 20, "thread groups left after 500 evaluations: " + groups);
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start().waitFor());
    }
}
