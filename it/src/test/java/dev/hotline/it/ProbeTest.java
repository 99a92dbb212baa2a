package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * {@code hotline log}, {@code capture}, {@code catch}, {@code probes} and {@code unprobe} against the greeter
 * sample, whose HTTP handler ({@code GreeterService.greet}) has locals, on target JVMs 17 and 25: messages filled
 * from locals, filters, captures that remove themselves or show what {@code --show} names, the locals at the
 * first throw, refusals before anything is woven, a class without local variable names, redaction, the budget
 * and the rate, a trace and a probe on one class, a reload that moves a probe, every probe listed and ended by
 * another client, and a client that goes away.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class ProbeTest {
    /** {@code byte[] body = (text + "\n")...} in the handler: query, name, status and text are in scope. */
    private static final String HANDLER_LINE = "dev.hotline.samples.greeter.GreeterService:79";
    private static final String LINE_HITS =
            "(long) Class.forName(\"dev.hotline.boot.TraceDispatcher\", true, null).getMethod(\"lineHits\").invoke(null)";

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
        greet("warm-up"); // the classes are loaded, so their lines can be probed
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        greeter.close();
    }

    private static String greet(String name) throws Exception {
        return Http.get("http://127.0.0.1:" + httpPort + "/greet?name=" + name);
    }

    private static Cli.Running probe(String command, String... arguments) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--dir", greeter.runDir().toString(),
                "--name", greeter.name()));
        args.addAll(List.of(arguments));
        Cli.Running running = Cli.start(args.toArray(String[]::new));
        running.awaitStderr("Ctrl-C ends it");
        return running;
    }

    private static Cli.Result refused(String command, String... arguments) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--dir", greeter.runDir().toString(),
                "--name", greeter.name()));
        args.addAll(List.of(arguments));
        Cli.Result result = Cli.run("", args.toArray(String[]::new));
        assertEquals(1, result.exitCode(), result::toString);
        return result;
    }

    private static long lineHits() throws Exception {
        Cli.Result r = Cli.eval(greeter, LINE_HITS);
        assertEquals(0, r.exitCode(), r::toString);
        return Long.parseLong(r.stdout().strip());
    }

    /** Reloads the greeter's {@code Greeter} from {@code source}, compiled with {@code javacOptions}. */
    private void reloadGreeter(String label, String source, String... javacOptions) throws Exception {
        Path classes = JavaFiles.compile(work.resolve(label + jdk.label()), Map.of(GreeterSource.CLASS, source), "",
                javacOptions);
        Cli.Result reload = Cli.run("", "reload", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                classes.resolve("dev/hotline/samples/greeter/Greeter.class").toString());
        assertEquals(0, reload.exitCode(), reload::toString);
    }

    @Test
    void aLogpointPrintsLocalsAndAnExpressionForEachRequestAndWhereFiltersThem() throws Exception {
        Cli.Running running = probe("log", HANDLER_LINE, "name={name} status={status} length={text.length()}",
                "--count", "3");
        for (String name : List.of("Ada", "Bob", "Cy")) {
            greet(name);
        }
        Cli.Result result = running.finish();
        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.stdout().lines().toList();
        assertEquals(3, lines.size(), result::toString);
        assertTrue(Pattern.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[HTTP-Dispatcher\\] GreeterService:79"
                + " name=\"Ada\" status=200 length=\\d+", lines.get(0)), lines.get(0));
        assertTrue(lines.get(1).contains("name=\"Bob\" status=200"), lines.get(1));
        assertTrue(lines.get(2).contains("name=\"Cy\" status=200"), lines.get(2));
        assertTrue(result.stderr().contains("logpoint at " + HANDLER_LINE + " (in greet)"), result::toString);
        assertTrue(result.stderr().contains("probe ended (3 hits shown): 3 hits shown, 0 not shown"), result::toString);

        Cli.Running filtered = probe("log", HANDLER_LINE, "only {name}", "--where", "name.startsWith(\"B\")",
                "--count", "1");
        for (String name : List.of("Ada", "Cy", "Bea", "Bo")) {
            greet(name);
        }
        Cli.Result only = filtered.finish();
        assertEquals(List.of("only \"Bea\""), only.stdout().lines().map(l -> l.substring(l.indexOf("only"))).toList(),
                only::toString);
    }

    @Test
    void aCaptureTakesTheLocalsInScopeAndTheStackThenRemovesItselfAndTheCodeIsBack() throws Exception {
        Cli.Running running = probe("capture", HANDLER_LINE);
        greet("Ada");
        Cli.Result result = running.finish();
        assertEquals(0, result.exitCode(), result::toString);
        String capture = result.stdout();
        assertTrue(capture.contains("\n  query = \"name=Ada\"\n  name = \"Ada\"\n  status = 200\n  text = \"Hello, Ada!"),
                capture);
        assertTrue(capture.contains("  stack:\n    at dev.hotline.samples.greeter.GreeterService.greet(GreeterService.java:79)"),
                "the probed method's frame comes first: " + capture);
        assertTrue(result.stderr().contains("probe ended (1 hit shown)"), result::toString);

        long after = lineHits();
        greet("Bob");
        greet("Cy");
        assertEquals(after, lineHits(), "once the probe has ended, the class runs its own code again");
    }

    @Test
    void aCaptureWithShowTakesOnlyWhatItNamesAndAShowThatWouldChangeTheListIsRefused() throws Exception {
        Cli.Result clear = refused("capture", HANDLER_LINE, "--show", "exchange.getResponseHeaders().clear()");
        assertTrue(clear.stderr().contains("--show exchange.getResponseHeaders().clear() refused: it calls"
                + " com.sun.net.httpserver.Headers.clear()"), clear::toString);
        Cli.Running running = probe("capture", HANDLER_LINE, "--show", "name.length()", "--show",
                "exchange.getResponseHeaders().size()");
        greet("Ada");
        Cli.Result result = running.finish();
        assertTrue(result.stdout().contains("\n  name.length() = 3\n  exchange.getResponseHeaders().size() = 0\n"),
                result::toString);
        assertTrue(!result.stdout().contains("query = "), "only what --show names: " + result);
    }

    @Test
    void aCatchGivesTheLocalsAtTheThrowingLineOnTheFirstThrowAndTheMethodStillThrows() throws Exception {
        reloadGreeter("catch", GreeterSource.marked("catch").replace("""
                        if (name.isBlank()) {
                            throw new IllegalArgumentException("a name is needed: /greet?name=Ada");
                        }
                        long hit = HITS.incrementAndGet();
                """, """
                        long hit = HITS.incrementAndGet();
                        String trimmed = name.strip();
                        if (trimmed.isEmpty()) {
                            throw new IllegalArgumentException("a name is needed: /greet?name=Ada");
                        }
                """), "-g");
        Cli.Running running = probe("catch", "dev.hotline.samples.greeter.Greeter::greet", "IllegalArgumentException");
        greet("Ada");
        assertEquals("a name is needed: /greet?name=Ada", greet("%20").strip(), "the method throws as before");
        greet("%20%20");
        Cli.Result result = running.finish();
        assertEquals(0, result.exitCode(), result::toString);
        String caught = result.stdout();
        assertTrue(caught.contains("Greeter:24 threw java.lang.IllegalArgumentException: a name is needed:"
                + " /greet?name=Ada\n  name = \" \"\n  hit = "), caught);
        assertTrue(caught.contains("\n  trimmed = \"\"\n  stack:\n"
                + "    at dev.hotline.samples.greeter.Greeter.greet(Greeter.java:24)\n"), caught);
        assertTrue(!caught.contains("\"  \""), "the first throw only: " + caught);
        assertTrue(result.stderr().contains("catch of IllegalArgumentException leaving"
                + " dev.hotline.samples.greeter.Greeter::greet"), result::toString);
        assertTrue(result.stderr().contains("probe ended (1 hit shown)"), result::toString);

        Cli.Running shown = probe("catch", "Greeter::greet", "--where", "thrown.getMessage().contains(\"needed\")"
                + " && name.length() > 1", "--show", "name.length()", "--show", "thrown.getClass().getSimpleName()");
        greet("%20");
        greet("%20%20%20");
        Cli.Result filtered = shown.finish();
        assertTrue(filtered.stdout().contains("\n  name.length() = 3\n  thrown.getClass().getSimpleName() ="
                + " \"IllegalArgumentException\"\n"), filtered::toString);
        Cli.Result none = refused("catch", "Greeter::noSuchMethod");
        assertTrue(none.stderr().contains("no method of Greeter matches Greeter::noSuchMethod; it declares: greet"),
                none::toString);
    }

    @Test
    void aLineWithoutCodeAndExpressionsThatDoNotCompileAreRefusedBeforeAnythingIsWoven() throws Exception {
        long before = lineHits();
        Cli.Result noCode = refused("log", "GreeterService.java:14", "x");
        assertTrue(noCode.stderr().contains("line 14 of dev.hotline.samples.greeter.GreeterService has no code;"
                + " the nearest"), noCode::toString);
        Cli.Result noSuchLocal = refused("log", HANDLER_LINE, "{nme}");
        assertTrue(noSuchLocal.stderr().contains("the message's {nme}, column 1: cannot find symbol"), noSuchLocal::toString);
        assertTrue(noSuchLocal.stderr().contains("they see self and the locals exchange, query, name, status, text"),
                noSuchLocal::toString);
        Cli.Result badWhere = refused("capture", HANDLER_LINE, "--where", "status.isEmpty()");
        assertTrue(badWhere.stderr().contains("--where, column 7: int cannot be dereferenced"), badWhere::toString);
        Cli.Result unknown = refused("capture", "Nowhere:3");
        assertTrue(unknown.stderr().contains("no loaded class is called Nowhere."), unknown::toString);
        Cli.Result badPlace = refused("capture", "GreeterService");
        assertTrue(badPlace.stderr().contains("write CLASS:LINE (as in com.acme.Pricing:42) or FILE.java:LINE"),
                badPlace::toString);
        greet("Ed");
        assertEquals(before, lineHits(), "nothing was woven");
    }

    @Test
    void expressionsThatWouldChangeTheServiceAreRefusedNamingTheInstructionUnlessUnsafe() throws Exception {
        long before = lineHits();
        Cli.Result call = refused("log", HANDLER_LINE, "{exchange.getResponseHeaders().remove(\"Date\")}");
        assertTrue(call.stderr().contains("the message's {exchange.getResponseHeaders().remove(\"Date\")} refused:"
                + " it calls com.sun.net.httpserver.Headers.remove(java.lang.Object), which may change the service's"
                + " state. Probes may only read"), call::toString);
        Cli.Result store = refused("capture", HANDLER_LINE, "--where", "(Greeter.template = name) != null");
        assertTrue(store.stderr().contains("--where refused: it stores into the static field"
                + " dev.hotline.samples.greeter.Greeter.template"), store::toString);
        Cli.Result traced = refused("trace", "dev.hotline.samples.greeter.Greeter::greet", "--show",
                "Greeter.HITS.incrementAndGet()");
        assertTrue(traced.stderr().contains("--show refused: it calls"
                + " java.util.concurrent.atomic.AtomicLong.incrementAndGet()"), traced::toString);
        greet("Ed");
        assertEquals(before, lineHits(), "nothing was woven");

        Cli.Running reads = probe("log", HANDLER_LINE, "{exchange.getResponseHeaders().size()} {Greeter.HITS.get() > 0}"
                + " {java.util.List.of(name, query).size()}", "--count", "1");
        greet("Ada");
        Cli.Result read = reads.finish();
        assertTrue(read.stdout().contains("GreeterService:79 0 true 2"), read::toString);
        Cli.Running unsafe = probe("log", HANDLER_LINE, "{Greeter.HITS.addAndGet(1000) > 1000}", "--count", "1",
                "--unsafe");
        greet("Bob");
        Cli.Result changed = unsafe.finish();
        assertTrue(changed.stdout().contains("GreeterService:79 true"), changed::toString);
        assertTrue(Files.readString(greeter.runDir().resolve(greeter.name() + ".audit.jsonl")).contains(":unsafe t"),
                "the audit log records the unsafe probe");
    }

    @Test
    void aClassWithoutLocalVariableNamesGivesItsArgumentsAsP0AndSaysWhy() throws Exception {
        reloadGreeter("nonames", GreeterSource.marked("no names"), "-g:source,lines");
        Cli.Running running = probe("capture", "Greeter.java:25");
        greet("Ada");
        Cli.Result result = running.finish();
        assertTrue(result.stderr().contains("compiled without local variable names (javac -g), so the probe sees the"
                + " method's arguments only, as p0, p1, ..."), result::toString);
        assertTrue(result.stdout().contains("\n  p0 = \"Ada\"\n"), result::toString);
    }

    @Test
    void localsNamedLikeSecretsAreShownAsStars() throws Exception {
        reloadGreeter("secret", GreeterSource.marked("secret").replace("        long hit = HITS.incrementAndGet();",
                "        String apiToken = \"tok-\" + name;\n        long hit = HITS.incrementAndGet();"), "-g");
        Cli.Running capture = probe("capture", "Greeter.java:26");
        Cli.Running log = probe("log", "Greeter.java:26", "token={apiToken} length={apiToken.length()} name={name}",
                "--count", "1");
        greet("Ada");
        Cli.Result captured = capture.finish();
        assertTrue(captured.stdout().contains("\n  apiToken = ***\n"), captured::toString);
        assertTrue(!captured.stdout().contains("tok-Ada"), captured::toString);
        Cli.Result logged = log.finish();
        assertTrue(logged.stdout().contains("token=*** length=*** name=\"Ada\""), logged::toString);
    }

    @Test
    void aTraceAndAProbeOnOneClassBothReportAndEitherEndingLeavesTheOther() throws Exception {
        reloadGreeter("both", GreeterSource.marked("both"), "-g"); // whatever another test reloaded, with names
        List<String> target = List.of("--dir", greeter.runDir().toString(), "--name", greeter.name());
        List<String> traceArgs = new ArrayList<>(List.of("trace"));
        traceArgs.addAll(target);
        traceArgs.addAll(List.of("dev.hotline.samples.greeter.Greeter::greet", "--count", "2"));
        Cli.Running trace = Cli.start(traceArgs.toArray(String[]::new));
        trace.awaitStderr("Ctrl-C ends it");
        Cli.Running log = probe("log", "Greeter.java:25", "hit {hit} for {name}", "--count", "1");
        greet("Ada");
        Cli.Result logged = log.finish();
        assertTrue(logged.stdout().contains("Greeter:25 hit "), logged::toString);
        assertTrue(logged.stdout().contains(" for \"Ada\""), logged::toString);
        greet("Bob"); // the probe has ended: the trace still follows greet
        Cli.Result traced = trace.finish();
        List<String> calls = traced.stdout().lines().toList();
        assertEquals(2, calls.size(), traced::toString);
        assertTrue(calls.get(1).contains("Greeter.greet(\"Bob\") returned"), traced::toString);
    }

    @Test
    void aProbeOnAClassNotLoadedYetIsPendingAndArmsWhenTheClassLoads() throws Exception {
        String chores = "dev.hotline.samples.greeter.Chores";
        List<String> args = new ArrayList<>(List.of("log", "--dir", greeter.runDir().toString(), "--name",
                greeter.name(), chores + ":22", "spins read, static: {self == null}", "--count", "1"));
        Cli.Running running = Cli.start(args.toArray(String[]::new));
        running.awaitStderr("note: " + chores + " is not loaded yet: it is pending, and starts when the service"
                + " loads it");
        assertEquals(0, Cli.eval(greeter, "Class.forName(\"" + chores + "\").getName()").exitCode(), "loads it");
        running.awaitStderr("logpoint at " + chores + ":22 (in spins); Ctrl-C ends it");
        assertEquals(0, Cli.eval(greeter, chores + ".spins()").exitCode());
        Cli.Result result = running.finish();
        assertTrue(result.stdout().contains("Chores:22 spins read, static: true"), result::toString);

        Cli.Running typo = Cli.start("capture", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                "com.acme.Nowhere:3");
        typo.awaitStderr("com.acme.Nowhere is not loaded yet: it is pending, and starts when the service loads"
                + " it (no class loader here has a class file for it yet: is the name right?)");
        typo.process().destroy();
    }

    @Test
    void aProbeOverTheCpuBudgetIsPausedWithinTwoSecondsAndTheServiceKeepsItsRequestRate() throws Exception {
        String spinOneMillisecond = "!java.util.stream.LongStream.iterate(System.nanoTime(), t -> t)"
                + ".anyMatch(t -> System.nanoTime() - t > 1_000_000)";
        try (Load load = new Load()) {
            double unprobed = load.rateOver(2000);
            Cli.Running running = probe("log", HANDLER_LINE, "{name}", "--where", spinOneMillisecond);
            long armed = System.nanoTime();
            running.awaitStderr("note: paused for 5 s: its hits cost the service's threads");
            double seconds = (System.nanoTime() - armed) / 1e9;
            double paused = load.rateOver(2000);
            running.process().destroy();
            Cli.Result result = running.finish();
            assertTrue(seconds < 2.5, "paused after " + seconds + " s: " + result);
            assertTrue(result.stderr().contains("over the probe budget of 1.0% of a core (10.0 ms a second; the agent"
                    + " option probe-budget=PERCENT sets it)"), result::toString);
            // Loosely bounded, as these machines are shared: the goal is within 10%.
            assertTrue(paused >= 0.75 * unprobed, "requests a second: " + unprobed + " unprobed, " + paused
                    + " with the probe paused");
        }
    }

    @Test
    void aTraceWhoseConditionCostsTooMuchIsPausedByTheSameBudget() throws Exception {
        String spinOneMillisecond = "!java.util.stream.LongStream.iterate(System.nanoTime(), t -> t)"
                + ".anyMatch(t -> System.nanoTime() - t > 1_000_000)";
        try (Load load = new Load()) {
            Cli.Running running = probe("trace", "dev.hotline.samples.greeter.Greeter::greet", "--where",
                    spinOneMillisecond);
            running.awaitStderr("note: paused for 5 s: its hits cost the service's threads");
            running.process().destroy();
            Cli.Result result = running.finish();
            assertTrue(result.stderr().contains("over the probe budget of 1.0% of a core"), result::toString);
        }
    }

    @Test
    void aLogpointPrintsTwelveLinesASecondAtMostAndCountsTheRest() throws Exception {
        try (Load load = new Load()) {
            Cli.Running running = probe("log", HANDLER_LINE, "{name}", "--seconds", "3");
            Cli.Result result = running.finish();
            long lines = result.stdout().lines().count();
            assertTrue(lines >= 12 && lines <= 4 * 12, lines + " lines in 3 s: " + result.stderr());
            assertTrue(Pattern.compile("note: [\\d,]+ lines not shown: a logpoint prints 12 lines and 20 KB a second"
                    + " at most \\(probe-rate, probe-bytes\\)").matcher(result.stderr()).find(), result::toString);
        }
    }

    /** Requests to the greeter from four threads, each asking again as soon as it is answered. */
    private static final class Load implements AutoCloseable {
        private final AtomicLong answered = new AtomicLong();
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private volatile boolean running = true;

        Load() {
            for (int i = 0; i < 4; i++) {
                threads.execute(() -> {
                    while (running) {
                        try {
                            greet("load");
                            answered.incrementAndGet();
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
            }
        }

        /** Requests answered a second, over the next {@code millis}. */
        double rateOver(long millis) throws InterruptedException {
            long before = answered.get();
            Thread.sleep(millis);
            return (answered.get() - before) * 1000.0 / millis;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void lineModeSetsListsAndEndsProbesWithSlashCommandsAndShowsHitsAsText() throws Exception {
        reloadGreeter("line", GreeterSource.marked("line"), "-g"); // whatever another test reloaded, with names
        try (Socket socket = new Socket("127.0.0.1", greeter.port())) {
            socket.setSoTimeout(20_000);
            Writer in = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader out = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            in.write(greeter.token() + "\n/log " + HANDLER_LINE + " name={name} --count 1\n");
            in.flush();
            assertTrue(readUntil(out, "| probe ").contains("logpoint at " + HANDLER_LINE + " (in greet); its hits show"
                    + " here as they happen; /unprobe"));
            in.write("/probes\n");
            in.flush();
            assertTrue(readUntil(out, "state").contains("hits"), "a header names the columns");
            assertTrue(Pattern.matches("\\|\\s+\\d+  on\\s+0\\s+0\\s+0\\s+[\\d.]+  logpoint at " + HANDLER_LINE
                    + " \\(in greet\\)", readUntil(out, "logpoint at ")), "number, state, hits, shown, dropped, cpu");
            greet("Ada");
            assertTrue(readUntil(out, "GreeterService:79 ").endsWith("GreeterService:79 name=\"Ada\""));
            assertTrue(readUntil(out, " ended ").contains("ended (1 hit shown): 1 hit shown, 0 not shown"));

            in.write("/capture Greeter.java:25 --where name.startsWith(\"B\")\n");
            in.flush();
            readUntil(out, "| probe ");
            greet("Al");
            greet("Bea");
            assertTrue(readUntil(out, "  name = ").equals("  name = \"Bea\""));
            readUntil(out, " ended ");

            in.write("/log " + HANDLER_LINE + " {status}\n/unprobe\n/probes\n/log " + HANDLER_LINE + "\n");
            in.flush();
            assertTrue(readUntil(out, " ended ").contains("ended (removed)"));
            readUntil(out, "| no probes are on");
            assertTrue(readUntil(out, "error: ").contains("usage: /log PLACE MESSAGE"));
        }
    }

    /** Reads lines until one contains {@code text}, and returns it. */
    private static String readUntil(BufferedReader out, String text) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("the connection closed before a line with '" + text + "'");
    }

    @Test
    void aHotReloadThatMovesTheProbedLineMovesTheProbeAndSaysSo() throws Exception {
        String original = Files.readString(GreeterSource.FILE);
        reloadGreeter("before", original, "-g");
        Cli.Running running = probe("log", "Greeter.java:25", "{name}", "--count", "2");
        greet("Ada");
        reloadGreeter("moved", original.replace("        long hit = HITS.incrementAndGet();",
                "        // two lines\n        // above the probe\n        long hit = HITS.incrementAndGet();"), "-g");
        running.awaitStderr("note: moved 25 → 27: a hot reload of dev.hotline.samples.greeter.Greeter put line 25's"
                + " code at line 27");
        greet("Bob");
        Cli.Result result = running.finish();
        List<String> lines = result.stdout().lines().toList();
        assertEquals(2, lines.size(), result::toString);
        assertTrue(lines.get(0).endsWith("Greeter:25 \"Ada\""), result::toString);
        assertTrue(lines.get(1).endsWith("Greeter:27 \"Bob\""), result::toString);

        Cli.Running kept = probe("log", "Greeter.java:27", "{name}", "--count", "1");
        reloadGreeter("changed", original.replace("String.format(template, name)", "String.format(template, name.strip())"),
                "-g");
        Cli.Result gone = kept.finish();
        assertTrue(gone.stderr().contains("probe ended (gone: the hot reload of dev.hotline.samples.greeter.Greeter left"
                + " no line with the code and locals of line 27 in its method)"), gone::toString);
    }

    @Test
    void probesListsEveryClientsProbesAndTracesWithTheirHitsAndUnprobeEndsOneSetByAnother() throws Exception {
        Cli.Running running = probe("log", HANDLER_LINE, "{name}");
        greet("Ada");
        greet("Bob");
        running.awaitStdout("\"Bob\"");
        Cli.Result listed = Cli.run("", "probes", "--dir", greeter.runDir().toString(), "--name", greeter.name());
        assertEquals(0, listed.exitCode(), listed::toString);
        Matcher row = Pattern.compile("(?m)^\\s+(\\d+)  on\\s+(\\d+)\\s+(\\d+)\\s+0\\s+[\\d.]+  logpoint at "
                + Pattern.quote(HANDLER_LINE)).matcher(listed.stdout());
        assertTrue(row.find(), listed::toString);
        assertEquals("2", row.group(2), "the line ran twice while probed: " + listed);
        assertEquals("2", row.group(3), "both hits were shown: " + listed);

        Cli.Result ended = Cli.run("", "unprobe", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                row.group(1));
        assertEquals(0, ended.exitCode(), ended::toString);
        Cli.Result result = running.finish();
        assertTrue(result.stderr().contains("probe ended (removed by another client)"), result::toString);

        Cli.Running trace = probe("trace", "dev.hotline.samples.greeter.Greeter::greet");
        greet("Cy");
        trace.awaitStdout("\"Cy\"");
        Cli.Result withTrace = Cli.run("", "probes", "--dir", greeter.runDir().toString(), "--name", greeter.name());
        Matcher traceRow = Pattern.compile("(?m)^\\s+(\\d+)  on\\s+1\\s+1\\s+0\\s+[\\d.]+  trace of"
                + " dev.hotline.samples.greeter.Greeter::greet$").matcher(withTrace.stdout());
        assertTrue(traceRow.find(), "a trace is a probe too: " + withTrace);
        assertTrue(Integer.parseInt(traceRow.group(1)) > Integer.parseInt(row.group(1)), "one sequence of numbers");
        assertEquals(0, Cli.run("", "unprobe", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                traceRow.group(1)).exitCode());
        Cli.Result traced = trace.finish();
        assertTrue(traced.stderr().contains("trace ended (removed by another client)"), traced::toString);
        Cli.Result none = Cli.run("", "unprobe", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                row.group(1));
        assertEquals(1, none.exitCode(), none::toString);
        assertTrue(none.stderr().contains("no probe " + row.group(1) + " is on; hotline probes lists them"),
                none::toString);
    }

    @Test
    void aClientThatGoesAwayTakesItsProbeWithIt() throws Exception {
        Cli.Running running = probe("log", HANDLER_LINE, "{name}");
        greet("Ada");
        running.process().destroy();
        running.process().waitFor();
        long hits = -1;
        for (int i = 0; i < 50; i++) {
            long now = lineHits();
            greet("Bob");
            if (lineHits() == now) {
                hits = now;
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(hits >= 0, "the probe's line still reports hits after its client went away");
    }
}
