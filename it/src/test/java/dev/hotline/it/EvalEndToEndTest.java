package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The greeter sample with the agent, driven by the real {@code hotline eval}, on target JVMs 17 and 25.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class EvalEndToEndTest {
    /** The target JDK of this run of the class; its lifecycle methods receive it too. */
    @Parameter
    private Jdk jdk;
    private static final String GREETER = "dev.hotline.samples.greeter.GreeterService";
    private static TargetJvm greeter;
    private static int httpPort;

    @BeforeParameterizedClassInvocation
    static void startGreeter(Jdk jdk, @TempDir Path work) throws Exception {
        Path plugins = PluginJar.build(work);
        Path httpPortFile = work.resolve("http.port");
        greeter = TargetJvm.start(jdk, work.resolve("run"), "greeter", "", Artifacts.samplesClassPath(), GREETER,
                "--plugins", plugins.toString(), "--tick-millis", "100", "--port-file", httpPortFile.toString());
        greeter.awaitFile(httpPortFile);
        httpPort = Integer.parseInt(Files.readString(httpPortFile).strip());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stopGreeter() throws Exception {
        greeter.close();
    }

    @Test
    void evaluatesAnExpression() throws Exception {
        Cli.Result r = Cli.eval(greeter, "1+1");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("2\n", r.stdout());
    }

    @Test
    void readsAndChangesTheAppsLiveStateAndTheHttpAnswerShowsIt() throws Exception {
        assertTrue(Http.get(url("Ada")).startsWith("HELLO, ADA!"), "the plugin upper-cases greetings");
        Cli.Result read = Cli.eval(greeter, "dev.hotline.samples.greeter.Greeter.template", "--session", "state");
        assertEquals("\"Hello, %s!\"\n", read.stdout(), read::toString);

        Cli.Result change = Cli.eval(greeter, "dev.hotline.samples.greeter.Greeter.template = \"Howdy, %s\"; "
                + "dev.hotline.samples.greeter.Greeter.HITS.get()", "--session", "state");
        assertEquals(0, change.exitCode(), change::toString);
        assertTrue(change.stdout().matches("(?s)\"Howdy, %s\"\n\\d+\n"), change::toString);

        assertTrue(Http.get(url("Bob")).startsWith("HOWDY, BOB"), "the service answers with the new template");
    }

    @Test
    void snippetOutputComesBackAndTheAppsOwnOutputDoesNot() throws Exception {
        Cli.Result r = Cli.eval(greeter,
                "System.out.println(\"from the snippet\"); Thread.sleep(400); System.err.println(\"to stderr\");");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("from the snippet\n", r.stdout(), "only the snippet's output, none of the ticker's");
        assertTrue(r.stderr().contains("to stderr"), r::toString);
        String appOut = greeter.stdout();
        assertTrue(appOut.contains("greeter-tick"), "the app's own thread still writes to the app's stdout");
        assertFalse(appOut.contains("from the snippet"), "snippet output is not written to the app's stdout");
    }

    @Test
    void threadsTheSnippetStartsAreCapturedAndTheContextLoaderSeesTheApp() throws Exception {
        Cli.Result r = Cli.eval(greeter, "{ Thread t = new Thread(() -> System.out.println(\"from a child thread\")); "
                + "t.start(); t.join(); } "
                + "Class.forName(\"dev.hotline.samples.greeter.Greeter\", false, "
                + "Thread.currentThread().getContextClassLoader()).getSimpleName()", "--session", "threads");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("from a child thread\n\"Greeter\"\n", r.stdout());
    }

    @Test
    void wrongTokenAndMissingServiceExitThree() throws Exception {
        Path wrong = Files.writeString(Files.createTempFile("wrong", ".token"), "hl_not-the-right-one\n");
        Cli.Result refused = Cli.run("", "eval", "--port", String.valueOf(greeter.port()), "--token-file",
                wrong.toString(), "1+1");
        assertEquals(3, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("refused the token"), refused::toString);
        Cli.Result missing = Cli.run("", "eval", "--dir", greeter.runDir().toString(), "--name", "nosuch", "1+1");
        assertEquals(3, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("no service named nosuch in " + greeter.runDir() + " (known: greeter)"),
                missing::toString);
    }

    @Test
    void anExceptionReportsClassMessageAndSnippetFrame() throws Exception {
        Cli.Result r = Cli.eval(greeter, "void fail() { throw new IllegalStateException(\"boom\"); } fail()",
                "--session", "throws");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("java.lang.IllegalStateException: boom"), r::toString);
        assertTrue(r.stderr().matches("(?s).*\tat fail \\(#\\d+:1\\)\n\tat \\(#\\d+:1\\)\n.*"), r::toString);
        assertFalse(r.stderr().contains("jdk.jshell"), "the evaluator's own frames are cut: " + r);
    }

    @Test
    void aCompileErrorSaysWhereInTheScript() throws Exception {
        Cli.Result r = Cli.evalStdin(greeter, "int a = 1;\nint b = a +\n  undefinedThing;\nSystem.out.println(\"not reached\");\n",
                "--session", "compile");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("line 3, column 3"), r::toString);
        assertTrue(r.stderr().contains("cannot find symbol"), r::toString);
        assertFalse(r.stdout().contains("not reached"), "evaluation stops at the first failing snippet");
    }

    @Test
    void aScriptOnStdinRunsInOrderAndDeclarationsStayInItsSession() throws Exception {
        Cli.Result define = Cli.evalStdin(greeter, "int twice(int x) {\n  return 2 * x;\n}\nvar base = 20;\n",
                "--session", "shared");
        assertEquals(0, define.exitCode(), define::toString);
        assertTrue(define.stderr().contains("created method twice(int)"), define::toString);
        Cli.Result use = Cli.eval(greeter, "twice(base + 1)", "--session", "shared");
        assertEquals("42\n", use.stdout(), "a second connection sees the first one's declarations: " + use);
        Cli.Result elsewhere = Cli.eval(greeter, "twice(1)", "--session", "other");
        assertEquals(1, elsewhere.exitCode(), "another session does not: " + elsewhere);
    }

    @Test
    void twoClientsInSeparateSessionsRunAtOnce() throws Exception {
        // The slow one waits for a property that only the fast one sets: both finish only if they ran at once.
        String go = "go-" + System.nanoTime();
        CompletableFuture<Cli.Result> slow = CompletableFuture.supplyAsync(() -> call(() -> Cli.eval(greeter,
                "while (!\"" + go + "\".equals(System.getProperty(\"hotline.go\"))) { Thread.sleep(20); } \"slow\"",
                "--session", "slow")));
        Cli.Result fast = Cli.eval(greeter, "System.setProperty(\"hotline.go\", \"" + go + "\"); \"fast\"",
                "--session", "fast");
        assertEquals("null\n\"fast\"\n", fast.stdout(), fast::toString); // setProperty's old value, then ours
        assertEquals("\"slow\"\n", slow.get(2, TimeUnit.MINUTES).stdout(), "the slow session saw the fast one's change");
    }

    @Test
    void classesOfAPluginLoaderAreUsable() throws Exception {
        Cli.Result r = Cli.eval(greeter, "new acme.plugins.Shout().apply(\"hi\") + \" \" + acme.plugins.Helper.motto()",
                "--session", "plugins");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("\"HI loaded on demand\"\n", r.stdout());
    }

    @Test
    void replWithPipedInputRunsItLikeEval() throws Exception {
        Cli.Result r = Cli.run("int seven() { return 7; }\nseven() * 6\n", "repl", "--dir", greeter.runDir().toString(),
                "--name", greeter.name(), "--session", "piped");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("42\n", r.stdout());
    }

    @Test
    void jsonModePrintsOneObjectPerReply() throws Exception {
        Cli.Result r = Cli.eval(greeter, "System.out.print(\"x\"); 6*7", "--json", "--session", "json");
        assertEquals(0, r.exitCode(), r::toString);
        String[] lines = r.stdout().split("\n");
        assertEquals(3, lines.length, r::toString);
        assertTrue(lines[0].contains("\"out\":\"x\""), r::toString);
        assertTrue(lines[1].contains("\"value\":\"42\"") && lines[1].contains("\"type\":\"int\""), r::toString);
        assertTrue(lines[2].contains("\"status\":[\"done\"]"), r::toString);
    }

    @Test
    void timeoutInterruptsAndExitsFour() throws Exception {
        Cli.Result r = Cli.eval(greeter, "Thread.sleep(60_000)", "--timeout", "2", "--session", "slowpoke");
        assertEquals(4, r.exitCode(), r::toString);
        Cli.Result after = Cli.eval(greeter, "1+2", "--session", "slowpoke");
        assertEquals("3\n", after.stdout(), "the session is usable after the interrupt: " + after);
    }

    private String url(String name) {
        return "http://127.0.0.1:" + httpPort + "/greet?name=" + name;
    }

    private interface IoCall<T> {
        T call() throws Exception;
    }

    private static <T> T call(IoCall<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void slashCommandsRunFromEvalArgumentsFromScriptsAndFromAPipedRepl() throws Exception {
        assertEquals(0, Cli.eval(greeter, "int slashed = 5;", "--session", "slash").exitCode());
        Cli.Result vars = Cli.eval(greeter, "/vars", "--session", "slash");
        assertEquals("|   int slashed = 5\n", vars.stdout(), vars::toString);
        Cli.Result script = Cli.evalStdin(greeter, "int more = 6;\n// a comment, not a command\n/vars\nslashed + more\n",
                "--session", "slash");
        assertEquals(0, script.exitCode(), script::toString);
        assertTrue(script.stdout().contains("|   int more = 6\n") && script.stdout().endsWith("11\n"), script::toString);
        Cli.Result unknown = Cli.eval(greeter, "/nosuch", "--session", "slash");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("unknown command /nosuch; /help lists the commands"), unknown::toString);
        Cli.Result repl = Cli.run("/vars\n", "repl", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                "--session", "slash");
        assertTrue(repl.stdout().contains("|   int slashed = 5\n"), repl::toString);
    }
}
