package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notebook run through hotline kernel, opened in Jupyter Notebook (Debian's jupyter-notebook) in headless
 * Chromium: the page starts the kernel from its kernelspec, shows its name, and draws the cells' table and chart.
 * The screenshot is kept as {@code target/screenshots/notebook.png}. Once, on the build JDK: what it proves is the
 * front end's, and {@link KernelTest} covers the kernel on both target JDKs.
 */
class NotebookInBrowserTest {
    @Test
    void jupyterNotebookInChromiumDrawsTheTableAndTheChart(@TempDir Path work) throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(Jdk.build(), work, "")) {
            KernelTest.install(greeter, work);
            Path notebooks = Files.createDirectories(work.resolve("notebooks"));
            KernelTest.python(work, "notebook.py", KernelTest.KERNEL, notebooks.resolve("greeter.ipynb").toString());
            run(work, "/usr/bin/python3", "-m", "nbformat.sign", notebooks.resolve("greeter.ipynb").toString());

            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            ProcessBuilder server = new ProcessBuilder("/usr/bin/python3", "-m", "notebook", "--no-browser",
                    "--allow-root", "--ip=127.0.0.1", "--port=" + port, "--port-retries=0",
                    "--NotebookApp.token=", "--NotebookApp.password=", "--notebook-dir=" + notebooks)
                    .redirectErrorStream(true).redirectOutput(work.resolve("notebook.log").toFile());
            server.environment().putAll(KernelTest.jupyterEnvironment(work));
            Process notebook = server.start();
            try {
                String base = "http://127.0.0.1:" + port;
                awaitAnswer(base + "/api/status", notebook, work);
                String page = base + "/notebooks/greeter.ipynb";
                String dom = chromium("--dump-dom", page);
                Path screenshot = Files.createDirectories(Path.of("target/screenshots")).resolve("notebook.png")
                        .toAbsolutePath();
                Files.writeString(screenshot.resolveSibling("notebook.html"), dom);
                chromium("--screenshot=" + screenshot, "--window-size=1280,1600", page);
                System.out.println("NotebookInBrowserTest: screenshot " + screenshot);

                assertTrue(dom.contains("Hotline: " + greeter.name()), "the kernel's name shows in the page");
                String rendered = between(dom, "id=\"notebook-container\"", "</body>");
                assertTrue(rendered.contains("<th>customer</th>") && rendered.contains("<td>ada</td>"),
                        "the list of records is drawn as a table: " + rendered);
                assertTrue(Pattern.compile("<svg[^>]*class=\"hotline-chart\"").matcher(rendered).find()
                        && rendered.contains(">north</text>"), "the map is drawn as a bar chart: " + rendered);
                assertTrue(rendered.contains("<strong>greeter</strong>"), "the Markdown cell is rendered");
                assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");

                String kernels = Http.get(base + "/api/kernels");
                Matcher kernel = Pattern.compile("\"name\": ?\"" + KernelTest.KERNEL + "\"").matcher(kernels);
                assertTrue(kernel.find(), "opening the notebook started its kernel: " + kernels);
            } finally {
                notebook.destroy();
                notebook.waitFor(20, TimeUnit.SECONDS);
            }
            assertTrue(greeter.isAlive(), "the service outlives the notebook server and its kernel");
        }
    }

    private static String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--virtual-time-budget=15000", "--run-all-compositor-stages-before-draw"));
        command.addAll(List.of(args));
        Process chromium = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        return out;
    }

    private static void awaitAnswer(String url, Process server, Path work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                Http.get(url);
                return;
            } catch (IOException e) {
                if (!server.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Jupyter Notebook did not start:\n" + Files.readString(work.resolve("notebook.log")));
    }

    private static void run(Path work, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(KernelTest.jupyterEnvironment(work));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + out);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, Math.max(from, 0));
        return from < 0 ? "" : text.substring(from, to < 0 ? text.length() : to);
    }
}
