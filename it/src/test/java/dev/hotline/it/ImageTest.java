package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** snapshot, stop --snapshot and resume on start, with the greeter sample as a daemon. */
class ImageTest {

    @TempDir
    Path work;

    private Path conf;

    private Path config(Jdk jdk, String... extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of("name=img", "main=dev.hotline.samples.greeter.GreeterService",
                "class-path=" + Artifacts.samplesClassPath(), "run-dir=" + work.resolve("run"), "java-home=" + jdk.home(),
                "args=--port-file " + work.resolve("http.port")));
        lines.addAll(List.of(extra));
        conf = Files.write(work.resolve("img.properties"), CompileMode.config(lines));
        return conf;
    }

    @AfterEach
    void killLeftovers() throws Exception {
        if (conf != null) {
            Cli.run("", "kill", conf.toString());
        }
    }

    private Cli.Result eval(String code) throws Exception {
        return Cli.run("", "eval", "--dir", work.resolve("run").toString(), "--name", "img", code);
    }

    private String greet() throws Exception {
        return Http.get("http://127.0.0.1:" + Files.readString(work.resolve("http.port")).strip() + "/greet?name=Ada");
    }

    private Path image() {
        return work.resolve("run/img.image");
    }

    @Test
    void declarationsAndReloadedClassesSurviveARestartOnJdk17AndJdk25() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Files.deleteIfExists(image());
            Path c = config(jdk);
            assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
            assertEquals(0, eval("int triple(int x) { return 3 * x; } record Point(int x, int y) { int sum() { return x + y; } }")
                    .exitCode());
            greet();
            Path source = Files.createDirectories(work.resolve("src" + jdk.label())).resolve("Greeter.java");
            Files.writeString(source, GreeterSource.marked("from the image"));
            assertEquals(0, Cli.run("", "reload", "--dir", work.resolve("run").toString(), "--name", "img", source.toString())
                    .exitCode());
            Cli.Result snapshot = Cli.run("", "snapshot", c.toString());
            assertEquals(0, snapshot.exitCode(), snapshot::toString);
            assertTrue(snapshot.stdout().contains("1 sessions, 2 declarations, 1 classes"), snapshot::toString);
            assertEquals(0, Cli.run("", "stop", c.toString()).exitCode());

            Cli.Result start = Cli.run("", "start", c.toString());
            assertEquals(0, start.exitCode(), start::toString);
            assertTrue(greet().contains("(from the image, visit #1)"), "the first request runs the reloaded code");
            assertEquals("9\n", eval("triple(new Point(1, 2).sum())").stdout(), "the declarations are back");
            Cli.Result status = Cli.run("", "status", c.toString());
            assertTrue(status.stdout().contains("2 declarations restored, 0 no longer apply"), status::toString);
            assertEquals(0, Cli.run("", "stop", c.toString()).exitCode());
        }
    }

    @Test
    void theImageNamedByTheImageOptionIsTheOneSnapshotWritesAndTheNextStartResumesOnJdk17AndJdk25() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Path custom = work.resolve("images/custom" + jdk.label() + ".image");
            Files.createDirectories(custom.getParent());
            Path run = work.resolve("optrun" + jdk.label());
            String options = "image=" + custom;
            try (TargetJvm first = TargetJvm.start(jdk, run, "opt", options, Artifacts.samplesClassPath(),
                    "dev.hotline.samples.greeter.GreeterService")) {
                assertEquals(0, Cli.eval(first, "String kept = \"from the image option\";").exitCode());
                Cli.Result snapshot = Cli.run("", "snapshot", "opt", "--dir", run.toString());
                assertTrue(snapshot.stdout().contains("| image " + custom + ":"), snapshot::toString);
                assertFalse(Files.exists(run.resolve("opt.image")), "nothing written beside the run files");
            }
            try (TargetJvm second = TargetJvm.start(jdk, run, "opt", options, Artifacts.samplesClassPath(),
                    "dev.hotline.samples.greeter.GreeterService")) {
                Cli.Result kept = Cli.eval(second, "kept");
                assertEquals("\"from the image option\"\n", kept.stdout(), kept::toString);
            }
        }
    }

    @Test
    void stopWithSnapshotSavesThenStops() throws Exception {
        Path c = config(Jdk.build());
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        eval("String motto = \"stopped with a snapshot\";");
        Cli.Result stop = Cli.run("", "stop", "--snapshot", c.toString());
        assertEquals(0, stop.exitCode(), stop::toString);
        assertTrue(stop.stdout().contains("| image ") && stop.stdout().contains("by the shutdown request"), stop::toString);
        assertTrue(entry(image(), "sessions/main.jsh").contains("String motto = \"stopped with a snapshot\";"));
        Cli.Result show = Cli.run("", "image", "show", image().toString());
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.stdout().startsWith("image of img, made ") && show.stdout().contains("session main:\n  String motto"),
                show::toString);
        assertEquals(3, Cli.run("", "status", c.toString()).exitCode());
    }

    @Test
    void aCrashWhileWritingLeavesThePreviousImage() throws Exception {
        Path pause = work.resolve("pause");
        Path c = config(Jdk.build(), "jvm-options=-Dhotline.image.pause-while=" + pause);
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        eval("int before = 1;");
        assertEquals(0, Cli.run("", "snapshot", c.toString()).exitCode());
        eval("int after = 2;");
        Files.writeString(pause, "hold the writer");
        CompletableFuture<Cli.Result> snapshot = CompletableFuture.supplyAsync(() -> {
            try {
                return Cli.run("", "snapshot", c.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tmpFiles().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(tmpFiles().isEmpty(), "the writer is in the middle of the new image");
        long pid = Long.parseLong(Files.readAllLines(work.resolve("run/img.pid")).get(0));
        ProcessHandle service = ProcessHandle.of(pid).orElseThrow();
        service.destroyForcibly();
        service.onExit().get(30, TimeUnit.SECONDS);
        snapshot.get(60, TimeUnit.SECONDS);
        Files.delete(pause);

        assertTrue(entry(image(), "sessions/main.jsh").contains("int before = 1;"));
        assertFalse(entry(image(), "sessions/main.jsh").contains("after"), "the old image, whole");
        assertEquals(0, Cli.run("", "zap", c.toString()).exitCode());
        Cli.Result restart = Cli.run("", "start", c.toString());
        assertEquals(0, restart.exitCode(), "the old image loads: " + restart);
        assertEquals("1\n", eval("before").stdout());
    }

    @Test
    void aDeclarationThatNoLongerCompilesIsReportedAndTheRestRestored() throws Exception {
        Path c = config(Jdk.build());
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        eval("int kept() { return 42; }");
        assertEquals(0, Cli.run("", "stop", "--snapshot", c.toString()).exitCode());
        // As if the app had changed: one saved declaration now names a class the app no longer has.
        rewrite(image(), "sessions/main.jsh", entry(image(), "sessions/main.jsh")
                + "\n\ncom.acme.Gone gone = new com.acme.Gone();\n\nString alsoKept = \"yes\";\n");
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        assertEquals("42\n", eval("kept()").stdout());
        assertEquals("\"yes\"\n", eval("alsoKept").stdout());
        Cli.Result status = Cli.run("", "status", c.toString());
        assertTrue(status.stdout().contains("2 declarations restored, 1 no longer apply"), status::toString);
        assertTrue(status.stdout().contains("com.acme.Gone gone"), status::toString);
    }

    @Test
    void theImageKeepsDeclarationsInDependencyOrderSoEachIsCompiledOnceOnRestore() throws Exception {
        Path c = config(Jdk.build());
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        eval("int doubled() { return base() * 2; }"); // written before what it calls
        eval("int base() { return 21; }");
        eval("var answer = doubled();");
        eval("String label = \"unrelated\";");
        assertEquals(0, Cli.run("", "stop", "--snapshot", c.toString()).exitCode());
        List<String> saved = entry(image(), "sessions/main.jsh").lines()
                .filter(line -> !line.isBlank()).toList();
        assertEquals(List.of("int base() { return 21; }", "int doubled() { return base() * 2; }",
                "var answer = doubled();", "String label = \"unrelated\";"), saved);
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        assertEquals("42\n", eval("answer").stdout());
        Cli.Result status = Cli.run("", "status", c.toString());
        assertTrue(status.stdout().contains("4 declarations restored, 0 no longer apply"), status::toString);
    }

    @Test
    void aCorruptedImageIsMovedAsideAndTheServiceStartsWithoutIt() throws Exception {
        Path c = config(Jdk.build());
        Files.createDirectories(image().getParent());
        Files.writeString(image(), "this is not a zip file at all");
        Cli.Result start = Cli.run("", "start", c.toString());
        assertEquals(0, start.exitCode(), start::toString);
        Cli.Result status = Cli.run("", "status", c.toString());
        assertTrue(status.stdout().contains("is damaged and was moved to"), status::toString);
        try (Stream<Path> files = Files.list(work.resolve("run"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("img.image.damaged-")), "kept aside");
        }
        assertFalse(Files.exists(image()));
        assertEquals("2\n", eval("1+1").stdout());
    }

    @Test
    void heapDumpThreadDumpAndACheckpointThisJvmCannotTake() throws Exception {
        Path c = config(Jdk.jdk25(), "args=--tick-millis 60000 --port-file " + work.resolve("http.port"));
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        Path heap = work.resolve("heap.hprof");
        Cli.Result dump = Cli.run("", "snapshot", "--heap", heap.toString(), c.toString());
        assertEquals(0, dump.exitCode(), dump::toString);
        byte[] header = new byte[18];
        try (var in = Files.newInputStream(heap)) {
            assertEquals(18, in.readNBytes(header, 0, 18));
        }
        assertEquals("JAVA PROFILE 1.0.2", new String(header, StandardCharsets.US_ASCII), "an HPROF file");

        greet();
        try (WireClient line = new WireClient(Integer.parseInt(Files.readString(work.resolve("run/img.port")).strip()))) {
            String threads = line.raw(Files.readString(work.resolve("run/img.token")).strip() + "\n/threads\n/quit\n")
                    .readUntilClosed();
            assertTrue(threads.contains("\"greeter-ticker\"") && threads.contains("GreeterService.lambda$startTicker"), threads);
            assertTrue(threads.contains("\"HTTP-Dispatcher\""), "the sample's own threads are named: " + threads);
        }

        Cli.Result checkpoint = Cli.run("", "snapshot", "--checkpoint", c.toString());
        assertEquals(1, checkpoint.exitCode(), checkpoint::toString);
        assertTrue(checkpoint.stderr().contains("has no CRaC"), checkpoint::toString);
        assertEquals("2\n", eval("1+1").stdout(), "the service runs on");
    }

    private List<Path> tmpFiles() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("run"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("img.image.tmp")).toList();
        }
    }

    private static String entry(Path zip, String name) throws Exception {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return new String(file.getInputStream(file.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Replaces one entry of a zip, keeping the others. */
    private static void rewrite(Path zip, String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8)
                        : in.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
        }
        Files.write(zip, bytes.toByteArray());
    }
}
