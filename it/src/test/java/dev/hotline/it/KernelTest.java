package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotline kernel} driven by Jupyter's own software (Debian's python3-jupyter-client, python3-nbclient and
 * jupyter-console, run by /usr/bin/python3) against the greeter on target JVMs 17 and 25, through the kernelspec
 * {@code hotline kernel install} writes: a notebook run headless, the protocol's requests one by one (an interrupt
 * by message, a forged message, a shutdown that leaves the service up), and jupyter console in a real terminal.
 * {@link NotebookInBrowserTest} opens such a notebook in Jupyter Notebook in headless Chromium.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class KernelTest {
    static final String KERNEL = "hotline-it";
    static final Path SCRIPTS = Path.of("src/test/resources/kernel").toAbsolutePath();

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
        install(greeter, work);
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        greeter.close();
    }

    /** Installs the kernelspec {@value #KERNEL} for {@code service} under {@code work/jupyter}. */
    static void install(TargetJvm service, Path work) throws IOException, InterruptedException {
        Cli.Result installed = Cli.run("", "kernel", "install", "--name", service.name(), "--dir",
                service.runDir().toString(), "--kernel-name", KERNEL, "--prefix", work.resolve("jupyter").toString());
        assertEquals(0, installed.exitCode(), installed::toString);
        assertTrue(installed.stdout().contains("(\"Hotline: " + service.name() + "\")"), installed::toString);
    }

    /** The environment that makes Jupyter find the kernelspec and keep its files in {@code work}. */
    static Map<String, String> jupyterEnvironment(Path work) {
        return Map.of("JUPYTER_PATH", work.resolve("jupyter/share/jupyter").toString(),
                "JUPYTER_DATA_DIR", work.resolve("jupyter-data").toString(),
                "JUPYTER_RUNTIME_DIR", work.resolve("jupyter-runtime").toString(),
                "JUPYTER_CONFIG_DIR", work.resolve("jupyter-config").toString(),
                "IPYTHONDIR", work.resolve("ipython").toString());
    }

    /** Runs one of {@link #SCRIPTS} with Debian's Python; its standard output. */
    static String python(Path work, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, script, ".out");
        Path err = Files.createTempFile(work, script, ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(jupyterEnvironment(work));
        Process python = builder.start();
        if (!python.waitFor(240, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new AssertionError(script + " did not finish in 240 s; its stderr:\n" + Files.readString(err));
        }
        if (python.exitValue() != 0) {
            throw new AssertionError(script + " failed (exit " + python.exitValue() + "):\n" + read(out) + read(err));
        }
        return Files.readString(out);
    }

    @Test
    void aNotebookRunsHeadlessWithTablesChartsAndErrors() throws Exception {
        Path notebook = work.resolve("greeter-" + jdk.label() + ".ipynb");
        python(work, "notebook.py", KERNEL, notebook.toString());
        JsonArray cells = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells");

        assertEquals("\"Hello, %s!\"", text(result(cells, 1), "text/plain"), cells.get(1).toString());
        String greeting = Http.get("http://127.0.0.1:" + httpPort + "/greet?name=Ada");
        Cli.Result restored = Cli.eval(greeter, "dev.hotline.samples.greeter.Greeter.template = \"Hello, %s!\"");
        assertEquals(0, restored.exitCode(), restored::toString);
        assertTrue(greeting.startsWith("Howdy, Ada!"), "the HTTP endpoint sees the template a cell set: " + greeting);

        StringBuilder printed = new StringBuilder();
        for (JsonElement output : cells.get(3).getAsJsonObject().getAsJsonArray("outputs")) {
            printed.append(text(output.getAsJsonObject(), "text"));
        }
        assertEquals("line 1\nline 2\nline 3\n", printed.toString(), cells.get(3).toString());

        JsonObject error = output(cells, 4, "error");
        assertEquals("java.lang.IllegalStateException", error.get("ename").getAsString());
        assertEquals("the notebook records this", error.get("evalue").getAsString());
        assertTrue(error.getAsJsonArray("traceback").toString().contains("at "), error.toString());

        String table = text(result(cells, 5), "text/html");
        assertTrue(table.contains("<th>customer</th><th>quantity</th><th>price</th>"), table);
        assertTrue(table.contains("<tr><td>bob</td><td>1</td><td>20.0</td></tr>"), table);

        JsonObject chart = result(cells, 6).getAsJsonObject("data");
        assertTrue(text(chart, "image/svg+xml").contains("<svg"), chart.toString());
        assertTrue(text(chart, "image/svg+xml").contains("<title>north: 120</title>"), chart.toString());
        assertTrue(text(chart, "text/html").contains("<td>south</td><td>80</td>"), chart.toString());

        assertEquals("**greeter** is *live*", text(result(cells, 7), "text/markdown"));
        assertTrue(text(result(cells, 8), "text/html").contains("<th>probe</th>"), cells.get(8).toString());
    }

    @Test
    void jupyterClientGetsEveryAnswerAndShutdownLeavesTheServiceUp() throws Exception {
        JsonObject seen = JsonParser.parseString(python(work, "client.py", KERNEL, work.toString(),
                String.valueOf(httpPort))).getAsJsonObject();

        JsonObject info = seen.getAsJsonObject("kernel_info");
        assertEquals("5.3", info.get("protocol_version").getAsString(), info.toString());
        assertEquals("java", info.getAsJsonObject("language_info").get("name").getAsString());
        assertTrue(info.get("banner").getAsString().contains("cells run in " + greeter.name()), info.toString());

        assertTrue(seen.getAsJsonObject("complete").getAsJsonArray("matches").toString().contains("\"template\""),
                seen.get("complete").toString());
        assertEquals(8, seen.getAsJsonObject("complete").get("cursor_start").getAsInt());
        assertTrue(seen.getAsJsonObject("inspect").get("found").getAsBoolean(), seen.get("inspect").toString());
        assertTrue(text(seen.getAsJsonObject("inspect").getAsJsonObject("data"), "text/plain").contains("template"));
        assertEquals("incomplete", seen.getAsJsonObject("is_complete_open").get("status").getAsString());
        assertEquals("complete", seen.getAsJsonObject("is_complete_whole").get("status").getAsString());
        assertTrue(seen.getAsJsonObject("history").getAsJsonArray("history").toString()
                .contains("import dev.hotline.samples.greeter.*;"), seen.get("history").toString());
        assertEquals("ok", seen.getAsJsonObject("comm_info").get("status").getAsString());

        assertTrue(seen.get("streamed_before_end").getAsBoolean(), "a cell's output arrives while it runs");
        assertEquals("ok", seen.get("released").getAsString());

        JsonObject interrupted = seen.getAsJsonObject("interrupted");
        assertEquals("error", interrupted.get("status").getAsString(), interrupted.toString());
        assertEquals("Interrupted", interrupted.get("ename").getAsString(), interrupted.toString());
        JsonObject after = seen.getAsJsonObject("after_interrupt");
        JsonObject result = after.getAsJsonArray("outputs").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.get("type").getAsString().equals("execute_result")).findFirst()
                .orElseThrow(() -> new AssertionError("the cell after the interrupt has no result: " + after));
        assertEquals("42", text(result.getAsJsonObject("content").getAsJsonObject("data"), "text/plain"),
                after.toString());

        assertEquals("[\"error\",\"aborted\",\"aborted\"]", seen.get("run_all_after_failure").toString(),
                "the cells waiting after a failed one are aborted");
        assertFalse(seen.get("template_after_abort").toString().contains("ran after a failure"));

        assertEquals("error", seen.getAsJsonObject("malformed_complete").get("status").getAsString(),
                seen.get("malformed_complete").toString());

        assertFalse(seen.get("forged_answered").getAsBoolean(), "a message signed with another key is not answered");
        assertFalse(seen.getAsJsonObject("template_after_forgery").toString().contains("forged"),
                "a forged cell did not run: " + seen.get("template_after_forgery"));

        assertTrue(seen.get("session_switch").toString().contains("cells now run in session scratch"));
        assertEquals("ok", seen.getAsJsonObject("declared_in_scratch").get("status").getAsString());
        assertEquals("error", seen.getAsJsonObject("main_lacks_it").get("status").getAsString(),
                "a variable of another session is not in main: " + seen.get("main_lacks_it"));
        assertTrue(seen.get("threads").toString().contains("<th>thread</th><th>state</th><th>cpu %</th>"),
                seen.get("threads").toString());
        String trace = seen.get("trace").toString();
        assertTrue(trace.contains("Notebook"), "the trace shows the call the HTTP request made: " + trace);
        assertTrue(trace.contains("<th>thread</th><th>method</th><th>arguments</th>"), trace);
        assertTrue(trace.contains("1 call(s)"), trace);
        String untraced = seen.get("trace_interrupted").toString();
        assertTrue(untraced.contains("0 call(s); untraced") || untraced.contains("0 call(s); removed"), untraced);

        assertFalse(seen.get("kernel_alive_after_shutdown").getAsBoolean(), "shutdown ends the kernel");
        assertTrue(greeter.isAlive(), "shutdown leaves the service running");
        Cli.Result answers = Cli.eval(greeter, "1 + 1");
        assertEquals(0, answers.exitCode(), "the session is free: the kernel's runaway cell ended with it: " + answers);
    }

    @Test
    void jupyterConsoleInATerminalTakesAMethodOverTwoLines() throws Exception {
        StringBuilder command = new StringBuilder("env");
        jupyterEnvironment(work).forEach((k, v) -> command.append(' ').append(k).append('=').append(v));
        command.append(" /usr/bin/python3 -m jupyter_console --kernel ").append(KERNEL);
        try (Tmux terminal = new Tmux("console", command.toString())) {
            terminal.awaitScreen("In [1]:");
            terminal.keys("int twice(int x) {", "Enter");
            terminal.awaitScreen("...:");
            terminal.keys("return 2 * x; }", "Enter");
            terminal.awaitScreen("In [2]:");
            terminal.keys("twice(21)", "Enter");
            terminal.awaitScreen("Out[2]: 42");
            terminal.awaitScreen("In [3]:");
            terminal.keys("exit", "Enter");
        }
    }

    private static JsonObject output(JsonArray cells, int index, String type) {
        for (JsonElement output : cells.get(index).getAsJsonObject().getAsJsonArray("outputs")) {
            if (output.getAsJsonObject().get("output_type").getAsString().equals(type)) {
                return output.getAsJsonObject();
            }
        }
        throw new AssertionError("cell " + index + " has no " + type + " output: " + cells.get(index));
    }

    private static JsonObject result(JsonArray cells, int index) {
        return output(cells, index, "execute_result");
    }

    /** A notebook's text: a string, or a list of lines as nbformat may store it; in an output, under data. */
    private static String text(JsonObject object, String key) {
        JsonObject holder = object.has("data") && !object.has(key) ? object.getAsJsonObject("data") : object;
        JsonElement value = holder.get(key);
        if (value == null) {
            throw new AssertionError("no " + key + " in " + object);
        }
        if (value.isJsonArray()) {
            StringBuilder joined = new StringBuilder();
            value.getAsJsonArray().forEach(line -> joined.append(line.getAsString()));
            return joined.toString();
        }
        return value.getAsString();
    }

    private static String read(Path file) throws IOException {
        return "--- " + file.getFileName() + "\n" + Files.readString(file);
    }
}
