package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compile=host}: javac runs in a compile host JVM beside the service, never in it; the host is started
 * again when it dies, with the session's declarations and values; it ends with the service; and a host that
 * cannot start leaves evaluation in the service, saying why.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class CompileHostTest {
    private static final String JAVAC = "com.sun.tools.javac.";

    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    @Test
    void javacStaysOutOfTheServiceThroughEvaluationCompletionReloadFromSourceAndATraceCondition() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "compile=host");
             WireClient client = WireClient.framed(greeter)) {
            assertEquals("42", client.eval("int answer = 6 * 7; answer"));
            assertEquals("\"Hello, %s!\"", client.eval("dev.hotline.samples.greeter.Greeter.template"));
            client.frame("(:op \"complete\" :id 90 :session \"main\" :code \"dev.hotline.samples.greeter.Greeter.tem\""
                    + " :cursor 39)");
            String completion = client.nextFrame();
            assertTrue(completion.contains("\"template\""), "completion comes from the host's analysis: " + completion);

            Path source = work.resolve("src/dev/hotline/samples/greeter/Greeter.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, GreeterSource.marked("compiled in the host"));
            Cli.Result reload = Cli.run("", "reload", "--dir", greeter.runDir().toString(), "--name", "greeter",
                    source.toString());
            assertEquals(0, reload.exitCode(), reload::toString);
            int http = greeter.greeterHttpPort(jdk, work);
            assertTrue(get(http, "Ada").contains("compiled in the host"), "the reloaded source serves");

            Cli.Running trace = Cli.start("trace", "--dir", greeter.runDir().toString(), "--name", "greeter",
                    "dev.hotline.samples.greeter.Greeter::greet", "--where", "args[0].equals(\"Bob\")", "--count", "1");
            trace.awaitStderr("Ctrl-C ends it");
            get(http, "Ada");
            get(http, "Bob");
            Cli.Result traced = trace.finish();
            assertTrue(traced.stdout().contains("greet(\"Bob\")") && !traced.stdout().contains("greet(\"Ada\")"),
                    traced::toString);

            ProcessHandle host = runningCompileHost(greeter);
            assertFalse(loadedClasses(greeter.pid()).contains(JAVAC), "no javac class is loaded in the service");
            assertTrue(loadedClasses(host.pid()).contains(JAVAC), "javac's classes are in the compile host");
            assertTrue(client.command("main", "/status").contains("compiles in the compile host, pid " + host.pid()));
        }
    }

    @Test
    void aCompileHostKilledMidSessionIsStartedAgainAndTheSessionKeepsItsDeclarationsAndValues() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "compile=host");
             WireClient client = WireClient.framed(greeter)) {
            client.eval("java.util.List<String> seen = new java.util.ArrayList<>();");
            client.eval("seen.add(\"before\");");
            client.eval("int twice(int n) { return 2 * n; }");
            client.eval("record Point(int x, int y) { }");
            client.eval("Point origin = new Point(3, 4);");
            ProcessHandle host = runningCompileHost(greeter);
            host.destroyForcibly();
            host.onExit().get(10, TimeUnit.SECONDS);

            assertEquals("\"[before, after] 42 Point[x=3, y=4]\"",
                    client.eval("seen.add(\"after\"); seen + \" \" + twice(21) + \" \" + origin"),
                    "the list kept its element: its value stayed in the service");
            ProcessHandle second = runningCompileHost(greeter);
            assertTrue(second.pid() != host.pid(), "a new compile host");
            assertTrue(greeter.isAlive());
        }
    }

    @Test
    void aRepeatedInputRunsInTheServiceAloneAndIsForgottenWhenADropChangesItsMeaning() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "compile=host");
             WireClient client = WireClient.framed(greeter)) {
            client.eval("int base = 1;");
            assertEquals("2", client.eval("base + 1"));
            assertEquals("2", client.eval("base + 1"), "the second time from the service's cache");
            assertTrue(client.command("main", "/drop base").contains("base"));
            String after = client.eval("base + 1");
            assertTrue(after.contains("cannot find symbol"), "the drop changed what base + 1 means: " + after);

            assertEquals("\"seven\"", client.eval("\"seven\""));
            ProcessHandle host = runningCompileHost(greeter);
            host.destroyForcibly();
            host.onExit().get(10, TimeUnit.SECONDS);
            assertEquals("\"seven\"", client.eval("\"seven\""), "compiled once: the service runs it again without a host");
            assertTrue(compileHost(greeter).isEmpty(), "and started none for it");
        }
    }

    @Test
    void anIdleCompileHostIsStoppedOnlyWhenEverySessionWouldComeBackWhole() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "compile=host,compile-idle=1");
             WireClient client = WireClient.framed(greeter)) {
            client.eval("int kept = 41;");
            // Awaited in the log, not by watching the process: a second without a request may pass before a look.
            greeter.awaitStderr("compile host stopped after 1 s without a request");
            assertEquals("42", client.eval("kept + 1"), "the next evaluation starts a host and finds the session");

            client.eval("class Box { int v = 7; }");
            client.eval("Box box = new Box(); box.v = 8;");
            ProcessHandle second = runningCompileHost(greeter);
            Thread.sleep(4000);
            assertTrue(second.isAlive(), "box's value could not move to a new JShell: the host stays");
            assertEquals("8", client.eval("box.v"));
        }
    }

    @Test
    void theCompileHostEndsWithTheServiceStoppedOrKilled() throws Exception {
        for (boolean kill : List.of(false, true)) {
            try (TargetJvm greeter = TargetJvm.greeter(jdk, work.resolve(kill ? "killed" : "stopped"), "compile=host")) {
                assertEquals("2\n", Cli.eval(greeter, "1 + 1").stdout());
                ProcessHandle host = runningCompileHost(greeter);
                if (kill) {
                    greeter.process().destroyForcibly();
                } else {
                    greeter.process().destroy();
                }
                host.onExit().get(15, TimeUnit.SECONDS);
                assertFalse(host.isAlive(), (kill ? "kill -9" : "SIGTERM") + " of the service ends its compile host");
                assertFalse(Files.exists(greeter.runDir().resolve("greeter.compiler")), "the host's socket is removed");
            }
        }
    }

    @Test
    void aCompileHostThatCannotStartLeavesEvaluationInTheServiceAndSaysWhy() throws Exception {
        Path runDir = work.resolve("run" + jdk.label());
        Files.createDirectories(runDir.resolve("greeter.compiler"));
        Files.writeString(runDir.resolve("greeter.compiler/in-the-way"), "a directory where the socket goes");
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "compile=host");
             WireClient client = WireClient.framed(greeter)) {
            Cli.Result eval = Cli.eval(greeter, "6 * 7");
            assertEquals("42\n", eval.stdout(), eval::toString);
            assertTrue(greeter.stderr().contains("compile=host, but the compile host cannot start"), greeter.stderr());
            assertTrue(client.command("main", "/status").contains(
                    "compiles in the service: compile=host, but the compile host cannot start"));
            assertTrue(compileHost(greeter).isEmpty());
        }
    }

    /** The service's compile host, which must be running; else the failure shows what the service printed. */
    private static ProcessHandle runningCompileHost(TargetJvm target) throws IOException {
        Optional<ProcessHandle> host = compileHost(target);
        if (host.isEmpty()) {
            throw new AssertionError("no compile host runs; the service printed:\n" + target.stderr());
        }
        return host.get();
    }

    /** The service's compile host: a child process of the service running {@code CompileHostMain}. */
    private static Optional<ProcessHandle> compileHost(TargetJvm target) {
        return ProcessHandle.of(target.pid()).orElseThrow().children()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("dev.hotline.agent.CompileHostMain"))
                        .orElse(false))
                .findFirst();
    }

    /** The classes loaded in a JVM, as {@code jcmd PID VM.class_hierarchy} lists them. */
    private String loadedClasses(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(jdk.home().resolve("bin/jcmd").toString(), String.valueOf(pid),
                "VM.class_hierarchy").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, out);
        assertTrue(out.contains("java.lang.Object"), out);
        return out;
    }

    private static String get(int port, String name) throws IOException, InterruptedException {
        return Http.get("http://127.0.0.1:" + port + "/greet?name=" + name);
    }
}
