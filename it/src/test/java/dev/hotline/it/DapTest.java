package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.CompletionItem;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotline dap} driven as an IDE drives it, with lsp4j's client launcher, against the greeter on target
 * JVMs 17 and 25: evaluate in the session and expand the value, completions, a logpoint whose line arrives for an
 * HTTP request, a snapshot shown as a stopped thread with the locals and dismissed by continue, an exception
 * breakpoint, a pending breakpoint arming, a hot reload moving a breakpoint, a launch from a config that terminate
 * stops, and a disconnect that leaves the service up with no probes.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class DapTest {
    /** The samples' source root, {@code samples/src/main/java}. */
    static final Path SOURCES = GreeterSource.FILE.getParent().getParent().getParent().getParent().getParent();
    static final Path SERVICE_SOURCE = GreeterSource.FILE.resolveSibling("GreeterService.java");
    /** {@code byte[] body = (text + "\n")...} in the HTTP handler: query, name, status and text are in scope. */
    static final int HANDLER_LINE = 79;

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
        greet("warm-up");
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        greeter.close();
    }

    private static String greet(String name) throws Exception {
        return Http.get("http://127.0.0.1:" + httpPort + "/greet?name=" + name);
    }

    private static DapClient attached() throws Exception {
        DapClient dap = DapClient.start();
        Capabilities capabilities = dap.initialize();
        assertTrue(capabilities.getSupportsLogPoints() && capabilities.getSupportsConditionalBreakpoints()
                && capabilities.getSupportsHitConditionalBreakpoints() && capabilities.getSupportsCompletionsRequest()
                && capabilities.getSupportsEvaluateForHovers() && capabilities.getSupportsExceptionFilterOptions());
        dap.attach(greeter.name(), greeter.runDir(), SOURCES);
        dap.output("Hotline: attached to " + greeter.name());
        return dap;
    }

    private static EvaluateResponse evaluate(IDebugProtocolServer server, String expression, String context)
            throws Exception {
        return DapClient.get(server.evaluate(arguments(expression, context)));
    }

    private static List<Variable> variables(IDebugProtocolServer server, int reference, VariablesArgumentsFilter filter,
            Integer start, Integer count) throws Exception {
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(reference);
        args.setFilter(filter);
        args.setStart(start);
        args.setCount(count);
        return List.of(DapClient.get(server.variables(args)).getVariables());
    }

    private static Breakpoint[] setBreakpoints(IDebugProtocolServer server, Path file, SourceBreakpoint... breakpoints)
            throws Exception {
        SetBreakpointsArguments args = new SetBreakpointsArguments();
        Source source = new Source();
        source.setPath(file.toString());
        args.setSource(source);
        args.setBreakpoints(breakpoints);
        return DapClient.get(server.setBreakpoints(args)).getBreakpoints();
    }

    private static SourceBreakpoint at(int line, String logMessage) {
        SourceBreakpoint breakpoint = new SourceBreakpoint();
        breakpoint.setLine(line);
        breakpoint.setLogMessage(logMessage);
        return breakpoint;
    }

    @Test
    void theDebugConsoleEvaluatesInTheSessionAndExpandsValuesAPageAtATime() throws Exception {
        try (DapClient dap = attached()) {
            IDebugProtocolServer server = dap.server();
            evaluate(server, "import dev.hotline.samples.greeter.*;", "repl");
            assertEquals("\"Hello, %s!\"", evaluate(server, "Greeter.template", "repl").getResult());

            evaluate(server, "record Pair(int left, String right) {}", "repl");
            EvaluateResponse pair = evaluate(server, "new Pair(7, \"seven\")", "repl");
            assertTrue(pair.getVariablesReference() > 0, pair::toString);
            List<Variable> fields = variables(server, pair.getVariablesReference(), null, null, null);
            assertEquals(List.of("left=7", "right=\"seven\""), fields.stream().map(v -> v.getName() + "=" + v.getValue())
                    .toList());

            EvaluateResponse list = evaluate(server, "java.util.stream.IntStream.range(0, 10_000).boxed().toList()",
                    "watch");
            assertEquals(10_000, list.getIndexedVariables(), list::toString);
            List<Variable> page = variables(server, list.getVariablesReference(), VariablesArgumentsFilter.INDEXED,
                    9_990, 10);
            assertEquals(10, page.size());
            assertEquals("[9999]", page.get(9).getName());
            assertEquals("9999", page.get(9).getValue());

            EvaluateResponse map = evaluate(server, "new java.util.TreeMap<>(java.util.Map.of(\"a\", java.util.List.of(1, 2)))",
                    "repl");
            Variable entry = variables(server, map.getVariablesReference(), VariablesArgumentsFilter.INDEXED, 0, 10).get(0);
            List<Variable> keyAndValue = variables(server, entry.getVariablesReference(), null, null, null);
            assertEquals("key=\"a\"", keyAndValue.get(0).getName() + "=" + keyAndValue.get(0).getValue());
            assertEquals(2, keyAndValue.get(1).getIndexedVariables());

            evaluate(server, "System.out.println(\"printed by the snippet\")", "repl");
            dap.output("printed by the snippet");
            String thrown = DapClient.refusal(server.evaluate(arguments("Integer.parseInt(\"x\")", "repl")));
            assertTrue(thrown.contains("NumberFormatException"), thrown);
            String hover = DapClient.refusal(server.evaluate(arguments("Greeter.HITS.incrementAndGet()", "hover")));
            assertTrue(hover.contains("never runs code"), hover);

            CompletionsArguments completions = new CompletionsArguments();
            completions.setText("Greeter.tem");
            completions.setColumn(12);
            List<CompletionItem> items = List.of(DapClient.get(server.completions(completions)).getTargets());
            assertTrue(items.stream().anyMatch(item -> item.getLabel().startsWith("template")), items::toString);
            assertEquals(9, items.get(0).getStart(), "the completion replaces what follows the dot");
        }
    }

    private static EvaluateArguments arguments(String expression, String context) {
        EvaluateArguments args = new EvaluateArguments();
        args.setExpression(expression);
        args.setContext(context);
        return args;
    }

    @Test
    void anObserveCredentialSetsLogpointsAndIsRefusedEvaluationWithTheRoleNamed() throws Exception {
        try (DapClient dap = DapClient.start()) {
            dap.initialize();
            DapClient.get(dap.server().attach(Map.of("portFile", greeter.portFile().toString(), "tokenFile",
                    greeter.runDir().resolve("greeter.observe.token").toString(), "sourceRoots",
                    List.of(SOURCES.toString()))));
            dap.next(Object.class, "initialized"::equals);
            dap.output("as observe. Breakpoints take snapshots or log; the service never stops. This credential may"
                    + " look, not change");
            String refused = DapClient.refusal(dap.server().evaluate(arguments("1 + 1", "repl")));
            assertTrue(refused.contains("eval needs the operate role; this connection has observe (token"
                    + " greeter.observe.token)"), refused);
            Breakpoint[] set = setBreakpoints(dap.server(), SERVICE_SOURCE, at(HANDLER_LINE, "observed {name}"));
            assertTrue(set[0].isVerified(), set[0]::toString);
            greet("Olga");
            assertEquals(HANDLER_LINE, dap.output("observed \"Olga\"").getLine());
        }
    }

    @Test
    void aLogpointPrintsToTheDebugConsoleForEachRequest() throws Exception {
        try (DapClient dap = attached()) {
            Breakpoint[] set = setBreakpoints(dap.server(), SERVICE_SOURCE, at(HANDLER_LINE, "greeted {name}"));
            assertTrue(set[0].isVerified(), set[0]::toString);
            greet("Ada");
            assertEquals(HANDLER_LINE, dap.output("greeted \"Ada\"").getLine());
        }
    }

    @Test
    void aSnapshotIsAStoppedThreadWithTheLocalsAndContinueDismissesIt() throws Exception {
        try (DapClient dap = attached()) {
            IDebugProtocolServer server = dap.server();
            assertTrue(setBreakpoints(server, SERVICE_SOURCE, at(HANDLER_LINE, null))[0].isVerified());
            greet("Bob");
            StoppedEventArguments stopped = dap.next(StoppedEventArguments.class, s -> s.getReason().equals("snapshot"));
            assertFalse(stopped.getAllThreadsStopped());
            int thread = stopped.getThreadId();
            assertTrue(Arrays.stream(DapClient.get(server.threads()).getThreads()).anyMatch(t -> t.getId() == thread));
            assertTrue(Arrays.stream(DapClient.get(server.threads()).getThreads())
                    .anyMatch(t -> t.getName().equals("HTTP-Dispatcher")), "the service's own threads are listed");

            StackTraceArguments stackArgs = new StackTraceArguments();
            stackArgs.setThreadId(thread);
            StackFrame top = DapClient.get(server.stackTrace(stackArgs)).getStackFrames()[0];
            assertEquals("GreeterService.greet", top.getName());
            assertEquals(HANDLER_LINE, top.getLine());
            assertEquals(SERVICE_SOURCE.toString(), top.getSource().getPath());
            ScopesArguments scopesArgs = new ScopesArguments();
            scopesArgs.setFrameId(top.getId());
            int locals = DapClient.get(server.scopes(scopesArgs)).getScopes()[0].getVariablesReference();
            List<String> captured = variables(server, locals, null, null, null).stream()
                    .map(v -> v.getName() + "=" + v.getValue()).toList();
            assertTrue(captured.contains("name=\"Bob\""), captured::toString);
            assertTrue(captured.contains("status=200"), captured::toString);

            String pause = DapClient.refusal(server.pause(new PauseArguments()));
            assertTrue(pause.contains("Hotline never stops the service's threads"), pause);
            ContinueArguments resume = new ContinueArguments();
            resume.setThreadId(thread);
            assertFalse(DapClient.get(server.continue_(resume)).getAllThreadsContinued());
            dap.next(ThreadEventArguments.class, t -> t.getThreadId() == thread && t.getReason().equals("exited"));
            assertTrue(Arrays.stream(DapClient.get(server.threads()).getThreads()).noneMatch(t -> t.getId() == thread));
        }
    }

    @Test
    void anExceptionBreakpointShowsTheExceptionLeavingTheMethodItNames() throws Exception {
        try (DapClient dap = attached()) {
            IDebugProtocolServer server = dap.server();
            SetExceptionBreakpointsArguments args = new SetExceptionBreakpointsArguments();
            args.setFilters(new String[0]);
            ExceptionFilterOptions leaving = new ExceptionFilterOptions();
            leaving.setFilterId("leaving");
            leaving.setCondition(GreeterSource.CLASS + "::greet IllegalArgumentException");
            args.setFilterOptions(new ExceptionFilterOptions[] {leaving});
            Breakpoint[] set = DapClient.get(server.setExceptionBreakpoints(args)).getBreakpoints();
            assertTrue(set[0].isVerified(), set[0]::toString);
            greet("%20");
            StoppedEventArguments stopped = dap.next(StoppedEventArguments.class, s -> s.getReason().equals("exception"));
            ExceptionInfoArguments info = new ExceptionInfoArguments();
            info.setThreadId(stopped.getThreadId());
            assertEquals("java.lang.IllegalArgumentException",
                    DapClient.get(server.exceptionInfo(info)).getExceptionId());

            leaving.setCondition("greet");
            Breakpoint refused = DapClient.get(server.setExceptionBreakpoints(args)).getBreakpoints()[0];
            assertFalse(refused.isVerified());
            assertTrue(refused.getMessage().contains("CLASS::METHOD"), refused.getMessage());
        }
    }

    @Test
    void aBreakpointOnAClassNotLoadedYetIsPendingAndArmsWhenItLoads() throws Exception {
        Path chores = GreeterSource.FILE.resolveSibling("Chores.java");
        try (DapClient dap = attached()) {
            Breakpoint pending = setBreakpoints(dap.server(), chores, at(22, "spun"))[0];
            assertFalse(pending.isVerified());
            assertTrue(pending.getMessage().contains("is not loaded yet"), pending.getMessage());
            assertEquals(0, Cli.eval(greeter, "Class.forName(\"dev.hotline.samples.greeter.Chores\").getName()")
                    .exitCode());
            BreakpointEventArguments armed = dap.next(BreakpointEventArguments.class,
                    b -> b.getBreakpoint().getId().equals(pending.getId()) && b.getBreakpoint().isVerified());
            assertEquals(22, armed.getBreakpoint().getLine());
            Cli.eval(greeter, "dev.hotline.samples.greeter.Chores.spins()");
            dap.output("spun");
        }
    }

    @Test
    void aHotReloadFromTheIdeMovesTheBreakpointWithItsLine() throws Exception {
        String original = Files.readString(GreeterSource.FILE);
        Path before = JavaFiles.compile(work.resolve("before" + jdk.label()), Map.of(GreeterSource.CLASS, original), "",
                "-g").resolve("dev/hotline/samples/greeter/Greeter.class");
        Path moved = JavaFiles.compile(work.resolve("moved" + jdk.label()), Map.of(GreeterSource.CLASS,
                original.replace("        long hit = HITS.incrementAndGet();",
                        "        // two lines\n        // above the probe\n        long hit = HITS.incrementAndGet();")),
                "", "-g").resolve("dev/hotline/samples/greeter/Greeter.class");
        try (DapClient dap = attached()) {
            IDebugProtocolServer server = dap.server();
            DapClient.get(dap.reload(before));
            Breakpoint set = setBreakpoints(server, GreeterSource.FILE, at(25, "{name}"))[0];
            assertTrue(set.isVerified(), set::toString);
            Map<String, Object> report = DapClient.get(dap.reload(moved));
            assertTrue(String.valueOf(report.get("report")).contains("redefined"), report::toString);
            BreakpointEventArguments movedTo = dap.next(BreakpointEventArguments.class,
                    b -> b.getBreakpoint().getId().equals(set.getId()) && b.getBreakpoint().getLine() == 27);
            assertTrue(movedTo.getBreakpoint().getMessage().contains("moved 25 → 27"), movedTo::toString);
            greet("Cy");
            assertEquals(27, dap.output("\"Cy\"").getLine());
            DapClient.get(dap.reload(before));
        }
    }

    @Test
    void aLaunchStartsTheServiceFromItsConfigAndTerminateStopsIt() throws Exception {
        Path runDir = work.resolve("launched" + jdk.label());
        Path config = Files.write(work.resolve("launched" + jdk.label() + ".properties"), CompileMode.config(List.of(
                "name=launched", "main=dev.hotline.samples.greeter.GreeterService",
                "class-path=" + Artifacts.samplesClassPath(), "run-dir=" + runDir, "java-home=" + jdk.home(),
                "stop-timeout=10", "term-timeout=5")));
        try (DapClient dap = DapClient.start()) {
            dap.initialize();
            String notAttached = DapClient.refusal(dap.server().terminate(new TerminateArguments()));
            assertTrue(notAttached.contains("did not start"), notAttached);
            DapClient.get(dap.server().launch(Map.of("config", config.toString())));
            dap.next(Object.class, "initialized"::equals);
            assertEquals("2", evaluate(dap.server(), "1 + 1", "repl").getResult());
            DapClient.get(dap.server().terminate(new TerminateArguments()));
            dap.next(TerminatedEventArguments.class, t -> true);
        } finally {
            Cli.run("", "kill", config.toString());
        }
        Cli.Result status = Cli.run("", "status", config.toString());
        assertEquals(3, status.exitCode(), "stopped: " + status);
    }

    @Test
    void disconnectRemovesTheAdaptersProbesAndLeavesTheServiceRunning() throws Exception {
        DapClient dap = attached();
        try {
            assertTrue(setBreakpoints(dap.server(), SERVICE_SOURCE, at(HANDLER_LINE, "{name}"))[0].isVerified());
            Cli.Result listed = Cli.run("", "probes", "--dir", greeter.runDir().toString(), "--name", greeter.name());
            assertTrue(listed.stdout().contains("GreeterService:" + HANDLER_LINE), listed::toString);
            DapClient.get(dap.server().disconnect(new DisconnectArguments()));
            assertEquals(0, dap.awaitExit());
        } finally {
            dap.close();
        }
        Cli.Result after = Cli.run("", "probes", "--dir", greeter.runDir().toString(), "--name", greeter.name());
        assertFalse(after.stdout().contains("GreeterService:" + HANDLER_LINE), after::toString);
        assertTrue(greet("Dee").startsWith("Hello, Dee!"));
    }
}
