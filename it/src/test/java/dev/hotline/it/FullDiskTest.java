package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run directory's disk fills (a 1 MB tmpfs): a snapshot fails saying the disk is full and the previous image
 * stays whole, with no half-written file left to hold the space; the audit log never holds a torn line, the
 * service answers on, and once space is freed the log is written again and says how many records it lost.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class FullDiskTest {
    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    @Test
    void aFullDiskLosesNoImageAndTearsNoAuditLine() throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", run.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0, "a full disk needs a tmpfs, which this machine cannot mount: " + said);
        Path logs = Files.createDirectories(work.resolve("logs"));
        try {
            for (String stream : List.of("stdout", "stderr")) { // the service's own output stays off the small disk
                Files.createSymbolicLink(run.resolve("greeter." + stream), Files.createFile(logs.resolve(stream)));
            }
            try (TargetJvm greeter = TargetJvm.start(jdk, run, "greeter", "", Artifacts.samplesClassPath(),
                    "dev.hotline.samples.greeter.GreeterService", "--port-file", work.resolve("http.port").toString())) {
                assertEquals(0, Cli.eval(greeter, "int answer = 42;").exitCode());
                String[] service = {"--dir", run.toString(), "--name", "greeter"};
                Cli.Result first = Cli.run("", concat("snapshot", service));
                assertEquals(0, first.exitCode(), first::toString);
                byte[] image = Files.readAllBytes(run.resolve("greeter.image"));

                assertEquals(0, Cli.eval(greeter, "int more = 43;").exitCode());
                fill(run.resolve("filler"));
                Cli.Result full = Cli.run("", concat("snapshot", service));
                assertEquals(1, full.exitCode(), full::toString);
                assertTrue(full.stderr().contains("snapshot failed, the previous image is intact: the disk holding "
                        + run + " is full (No space left on device): free space there"), full::toString);
                assertArrayEquals(image, Files.readAllBytes(run.resolve("greeter.image")), "the previous image");
                try (Stream<Path> files = Files.list(run)) {
                    assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains(".tmp")).toList(),
                            "no half-written image left behind");
                }
                for (int i = 0; i < 20; i++) {
                    assertEquals(i + "\n", Cli.eval(greeter, "\"" + "x".repeat(i * 50) + "\".length() / 50").stdout(),
                            "the service answers while its audit log cannot be written");
                }
                assertWholeLines(run.resolve("greeter.audit.jsonl"));

                Files.delete(run.resolve("filler"));
                assertEquals("85\n", Cli.eval(greeter, "answer + more").stdout());
                List<String> audit = assertWholeLines(run.resolve("greeter.audit.jsonl"));
                assertTrue(audit.get(audit.size() - 1).contains("answer + more"), "written again once space is free");
                String log = Files.readString(logs.resolve("stderr"));
                assertTrue(log.contains("cannot write the audit log " + run.resolve("greeter.audit.jsonl")
                        + ": the disk holding " + run + " is full"), log);
                assertTrue(log.matches("(?s).*the audit log .* is written again; \\d+ record\\(s\\) could not be"
                        + " written before this one.*"), log);
                assertEquals(0, Cli.run("", concat("snapshot", service)).exitCode(), "and so is the image");
            }
        } finally {
            new ProcessBuilder("umount", "-l", run.toString()).start().waitFor();
        }
    }

    /** Writes {@code file} until the disk is full. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
        }
    }

    /** Every line of a JSON-lines file is a whole object; returns the lines. */
    private static List<String> assertWholeLines(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "the file ends with a whole line");
        List<String> lines = text.lines().toList();
        for (String line : lines) {
            assertTrue(line.startsWith("{\"time\":") && line.endsWith("]}"), "a torn line: " + line);
        }
        return lines;
    }

    private static String[] concat(String first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }
}
