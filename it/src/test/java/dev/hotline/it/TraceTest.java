package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotline trace} against the greeter sample, whose HTTP handler calls {@code Greeter.greet}, on target
 * JVMs 17 and 25: what a call shows, filters, exceptions, limits, the class's code coming back, hot reload, a
 * client that goes away, and a class of a fat jar's own loader.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class TraceTest {
    private static final String GREET = "dev.hotline.samples.greeter.Greeter::greet";
    private static final String ADVISED_CALLS =
            "(long) Class.forName(\"dev.hotline.boot.TraceDispatcher\", true, null).getMethod(\"advisedCalls\").invoke(null)";

    @Parameter
    private Jdk jdk;
    private static TargetJvm greeter;
    private static Path work;
    private static int httpPort;

    @BeforeParameterizedClassInvocation
    static void start(Jdk jdk, @TempDir Path dir) throws Exception {
        work = dir;
        greeter = TargetJvm.greeter(jdk, work, "");
        httpPort = greeter.greeterHttpPort(jdk, work);
        greet("warm-up"); // the class is loaded, so it can be traced
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        greeter.close();
    }

    private static String greet(String name) throws Exception {
        return Http.get("http://127.0.0.1:" + httpPort + "/greet?name=" + name);
    }

    private static Cli.Running trace(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("trace", "--dir", greeter.runDir().toString(),
                "--name", greeter.name()));
        args.addAll(List.of(options));
        Cli.Running running = Cli.start(args.toArray(String[]::new));
        running.awaitStderr("Ctrl-C ends it");
        return running;
    }

    private static long advisedCalls() throws Exception {
        Cli.Result r = Cli.eval(greeter, ADVISED_CALLS);
        assertEquals(0, r.exitCode(), r::toString);
        return Long.parseLong(r.stdout().strip());
    }

    @Test
    void threeRequestsShowTheirArgumentsValuesAndExceptionThenTheCountEndsTheTraceAndTheCodeIsBack() throws Exception {
        Cli.Running running = trace(GREET, "--count", "3");
        long before = advisedCalls();
        greet("Ada");
        greet("Bob");
        greet("");
        Cli.Result result = running.finish();
        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.stdout().lines().toList();
        assertEquals(3, lines.size(), result::toString);
        assertTrue(Pattern.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[HTTP-Dispatcher\\] Greeter\\.greet\\(\"Ada\"\\)"
                + " returned \"Hello, Ada! \\(visit #\\d+\\)\" in \\d+\\.\\d{3} ms", lines.get(0)), lines.get(0));
        assertTrue(lines.get(1).contains("Greeter.greet(\"Bob\") returned \"Hello, Bob!"), lines.get(1));
        assertTrue(lines.get(2).contains("Greeter.greet(\"\") threw java.lang.IllegalArgumentException: a name is"
                + " needed"), lines.get(2));
        assertTrue(result.stderr().contains("trace ended (3 calls traced): 3 calls shown, 0 not shown"), result::toString);
        assertTrue(advisedCalls() >= before + 3, "the advice ran while traced");

        long after = advisedCalls();
        greet("Cy");
        greet("Di");
        assertEquals(after, advisedCalls(), "once the trace has ended, the class runs its own code: no advice");
    }

    @Test
    void whereFiltersAndShowProjectsInJavaAndJsonLinesCarryTheFields() throws Exception {
        Cli.Running running = trace(GREET, "--count", "2", "--where", "args[0].equals(\"Ada\")", "--show",
                "result.length()", "--stack", "--json");
        for (String name : List.of("Bob", "Ada", "Cy", "Ada")) {
            greet(name);
        }
        Cli.Result result = running.finish();
        List<String> lines = result.stdout().lines().toList();
        assertEquals(2, lines.size(), result::toString);
        for (String line : lines) {
            assertTrue(line.startsWith("{\"thread\":\"HTTP-Dispatcher\","), line);
            assertTrue(line.contains("\"method\":\"greet\",\"args\":[\"\\\"Ada\\\"\"]"), line);
            Matcher value = Pattern.compile("\"value\":\"\\\\\"([^\\\\]*)\\\\\"\",\"show\":\"(\\d+)\"").matcher(line);
            assertTrue(value.find(), line);
            assertEquals(value.group(1).length(), Integer.parseInt(value.group(2)), "--show gives the value's length: " + line);
            assertTrue(line.contains("dev.hotline.samples.greeter.GreeterService.greet(GreeterService.java"),
                    "the caller's stack: " + line);
        }
    }

    @Test
    void aConditionThatDoesNotCompileIsReportedBeforeAnythingIsTraced() throws Exception {
        long before = advisedCalls();
        Cli.Result result = Cli.run("", "trace", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                GREET, "--show", "result.lenth()");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("--show, column 7: cannot find symbol"), result::toString);
        greet("Ed");
        assertEquals(before, advisedCalls(), "nothing was woven");

        Cli.Result noMethod = Cli.run("", "trace", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                "dev.hotline.samples.greeter.Greeter::greeet");
        assertEquals(1, noMethod.exitCode(), noMethod::toString);
        assertTrue(noMethod.stderr().contains("no method of dev.hotline.samples.greeter.Greeter matches"
                + " dev.hotline.samples.greeter.Greeter::greeet; it declares: greet"), noMethod::toString);
    }

    @Test
    void aTracedClassReloadedStaysTracedWithItsNewBody() throws Exception {
        Cli.Running running = trace(GREET, "--count", "2");
        greet("Ada");
        Path source = Files.createDirectories(work.resolve("reload" + jdk.label())).resolve("Greeter.java");
        Files.writeString(source, GreeterSource.marked("reloaded"));
        Cli.Result reload = Cli.run("", "reload", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                source.toString());
        assertEquals(0, reload.exitCode(), reload::toString);
        assertTrue(greet("Bob").contains("(reloaded, visit #"));
        Cli.Result result = running.finish();
        List<String> lines = result.stdout().lines().toList();
        assertEquals(2, lines.size(), result::toString);
        assertTrue(lines.get(1).contains("Greeter.greet(\"Bob\") returned \"Hello, Bob! (reloaded, visit #"), lines.get(1));

        long after = advisedCalls();
        assertTrue(greet("Cy").contains("(reloaded, visit #"), "the reloaded body stays once the trace ends");
        assertEquals(after, advisedCalls(), "and runs without advice");
    }

    @Test
    void aTraceOfAClassNotLoadedYetIsPendingAndStartsWhenTheClassLoads() throws Exception {
        String chores = "dev.hotline.samples.greeter.Chores";
        Cli.Running running = Cli.start("trace", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                chores + "::spins", "--count", "1");
        running.awaitStderr("note: " + chores + " is not loaded yet: it is pending, and starts when the service loads"
                + " it");
        assertEquals(0, Cli.eval(greeter, "Class.forName(\"" + chores + "\").getName()").exitCode(), "loads it");
        running.awaitStderr("tracing " + chores + "::spins; Ctrl-C ends it");
        assertEquals(0, Cli.eval(greeter, chores + ".spins()").exitCode());
        Cli.Result result = running.finish();
        assertTrue(result.stdout().contains("Chores.spins() returned 0"), result::toString);
    }

    @Test
    void aClientThatGoesAwayTakesItsTraceWithIt() throws Exception {
        Cli.Running running = trace(GREET);
        running.process().destroy();
        running.process().waitFor();
        String traces = "";
        for (int i = 0; i < 50; i++) {
            traces = Cli.evalStdin(greeter, "/trace\n").stdout();
            if (traces.contains("no traces are running")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(traces.contains("no traces are running"), traces);
        long after = advisedCalls();
        greet("Fay");
        assertEquals(after, advisedCalls());
    }

    @Test
    void threadsTopShowsTheBusiestThreadFirstWithItsFramesWhileASessionIsBusy() throws Exception {
        Cli.Running spin = Cli.start("eval", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                "--session", "spin", "while (true) { }");
        try {
            Thread.sleep(1000);
            Cli.Result top = Cli.run("", "threads", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                    "--top", "--count", "3");
            assertEquals(0, top.exitCode(), top::toString);
            List<String> lines = top.stdout().lines().toList();
            assertTrue(lines.get(0).startsWith("threads by CPU over 1.0 s"), top::toString);
            assertTrue(lines.get(1).matches(" *\\d+\\.\\d% .* \\(#\\d+, RUNNABLE\\)"), top::toString);
            assertTrue(lines.get(2).contains(".do_it$("), "the loop's frame under the busiest thread: " + top);
            Cli.Result json = Cli.run("", "threads", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                    "--top", "--count", "1", "--json");
            assertTrue(json.stdout().contains("\"threads\":[{\"name\":"), json::toString);
        } finally {
            try (WireClient client = WireClient.framed(greeter)) {
                client.frame("(:op \"interrupt\" :id 1 :session \"spin\")");
                client.reply();
            }
            spin.finish();
        }
    }

    @Test
    void aMethodOfAClassInAFatJarsOwnLoaderCanBeTraced() throws Exception {
        Path classes = JavaFiles.compile(work.resolve("fat" + jdk.label()), Map.of(
                "acme.app.Main", "package acme.app;\npublic class Main {\n"
                        + "    public static void main(String[] args) throws Exception {\n"
                        + "        Greeting.text(\"start\");\n        Thread.sleep(Long.MAX_VALUE);\n    }\n}\n",
                "acme.app.Greeting", "package acme.app;\npublic class Greeting {\n"
                        + "    public static String text(String who) { return \"hi \" + who; }\n}\n"), "");
        Path appJar = JavaFiles.jar(classes, work.resolve("app" + jdk.label() + ".jar"), Map.of());
        try (TargetJvm fat = TargetJvm.start(jdk, work.resolve("fat-run" + jdk.label()), "fat", "",
                Artifacts.samplesClassPath(), "dev.hotline.samples.launcher.Launcher", appJar.toString(),
                "acme.app.Main")) {
            Cli.Running running = Cli.start("trace", "--dir", fat.runDir().toString(), "--name", "fat",
                    "acme.app.Greeting::text", "--count", "1");
            running.awaitStderr("Ctrl-C ends it");
            Cli.Result call = Cli.eval(fat, "acme.app.Greeting.text(\"from a snippet\")");
            assertEquals("\"hi from a snippet\"\n", call.stdout(), call::toString);
            Cli.Result result = running.finish();
            assertTrue(result.stdout().contains("Greeting.text(\"from a snippet\") returned \"hi from a snippet\""),
                    result::toString);
            assertFalse(result.stderr().contains("note:"), result::toString);
        }
    }
}
