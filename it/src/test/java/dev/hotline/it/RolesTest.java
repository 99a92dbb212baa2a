package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Roles through the real CLI against a real service: the observe token looks (threads, a trace of live requests)
 * and is refused eval, reload and shutdown with the role it needs named; a member of {@code socket-group} comes in
 * through the Unix socket as observe, as its own Unix user; the audit log records the role that asked.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class RolesTest {
    private static final String REFUSED = " needs the operate role; this connection has observe (";

    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    @Test
    void theObserveTokenTracesAndReadsAndIsRefusedWhatChanges() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "")) {
            Path observe = greeter.runDir().resolve("greeter.observe.token");
            List<String> as = List.of("--port-file", greeter.portFile().toString(), "--token-file", observe.toString());
            String greet = "http://127.0.0.1:" + greeter.greeterHttpPort(jdk, work) + "/greet?name=";
            Http.get(greet + "Eve"); // loads the class traced
            Cli.Running trace = Cli.start(args(as, "trace", "dev.hotline.samples.greeter.Greeter::greet", "--count", "1"));
            trace.awaitStderr("Ctrl-C ends it");
            Http.get(greet + "Ada");
            Cli.Result traced = trace.finish();
            assertEquals(0, traced.exitCode(), traced::toString);
            assertTrue(traced.stdout().contains("\"Ada\""), traced::toString);
            Cli.Result threads = Cli.run("", args(as, "threads"));
            assertEquals(0, threads.exitCode(), threads::toString);
            assertTrue(threads.stdout().contains("\"Signal Dispatcher\""), threads::toString);

            Cli.Result eval = Cli.run("", args(as, "eval", "1+1"));
            assertEquals(1, eval.exitCode(), eval::toString);
            assertTrue(eval.stderr().contains("eval" + REFUSED + "token greeter.observe.token). To change the service,"
                    + " connect as its user (the Unix socket) or with its operate token (NAME.token)"), eval::toString);
            Path classFile = Path.of(Artifacts.samplesClassPath().split(":")[0],
                    "dev/hotline/samples/greeter/Greeter.class");
            Cli.Result reload = Cli.run("", args(as, "reload", classFile.toString()));
            assertEquals(1, reload.exitCode(), reload::toString);
            assertTrue(reload.stderr().contains("reload" + REFUSED), reload::toString);
            try (Socket nc = new Socket("127.0.0.1", greeter.port())) { // line mode, as nc would
                nc.getOutputStream().write((Files.readString(observe).strip() + "\n/shutdown\n")
                        .getBytes(StandardCharsets.UTF_8));
                String answer = new BufferedReader(new InputStreamReader(nc.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertTrue(answer.startsWith("error: /shutdown" + REFUSED), answer);
            }

            assertEquals("2\n", Cli.eval(greeter, "1+1").stdout(), "still running, and its user operates");
            String audit = Files.readString(greeter.runDir().resolve("greeter.audit.jsonl"));
            for (String op : List.of("eval", "reload", "/shutdown")) {
                assertTrue(audit.contains("\"role\":\"observe\",\"credential\":\"token greeter.observe.token\","
                        + "\"origin\":\"\",\"session\":\"\",\"op\":\"" + op + "\""), audit);
            }
            assertTrue(audit.contains("\"outcome\":\"refused: needs operate\""), audit);
            assertTrue(audit.contains("\"role\":\"operate\",\"credential\":\"the Unix socket as user "
                    + System.getProperty("user.name")), audit);
        }
    }

    @Test
    void aMemberOfTheSocketGroupObservesThroughTheSocket() throws Exception {
        Path open = Files.createTempDirectory(Path.of("/tmp"), "hotline-roles",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path runDir = open.resolve("run");
        Path home = Files.createDirectory(open.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (TargetJvm greeter = TargetJvm.start(jdk, runDir, "greeter", "socket-group=nogroup",
                Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService", "--port-file",
                TargetJvm.greeterHttpPortFile(jdk, work).toString())) {
            assertEquals("rwxr-x--- nogroup", modeAndGroup(runDir));
            assertEquals("rw-rw---- nogroup", modeAndGroup(runDir.resolve("greeter.sock")));
            assertEquals("rw-r----- nogroup", modeAndGroup(runDir.resolve("greeter.observe.token")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    runDir.resolve("greeter.token"))));

            String[] service = {"--dir", runDir.toString(), "--name", "greeter"};
            Cli.Result threads = asNobody(home, args(List.of(service), "threads"));
            assertTrue(threads.stdout().contains("\"Signal Dispatcher\""), threads::toString);
            String lines = lineModeAsNobody(runDir.resolve("greeter.sock"), "/status\n/snapshot\n",
                    "error: /snapshot");
            assertTrue(lines.contains("\nyour role: observe (the Unix socket as user nobody of group nogroup)\n"),
                    lines);
            assertTrue(lines.endsWith("error: /snapshot" + REFUSED + "the Unix socket as user nobody of group"
                    + " nogroup). To change the service, connect as its user (the Unix socket) or with its operate"
                    + " token (NAME.token); hotline doctor shows the credentials.\n"), lines);
            Cli.Result eval = asNobody(home, args(List.of(service), "eval", "1+1"));
            assertEquals(1, eval.exitCode(), eval::toString);
            assertTrue(eval.stderr().contains("eval" + REFUSED + "the Unix socket as user nobody of group nogroup)"),
                    eval::toString);
            Cli.Result doctor = asNobody(home, "doctor", "--dir", runDir.toString(), "--name", "greeter");
            assertTrue(doctor.stdout().contains("warning: you (nobody) connect to greeter as observe, through the"
                    + " Unix socket"), doctor::toString);
            assertTrue(doctor.stdout().contains(runDir.resolve("greeter.token") + " (mode rw-------"), doctor::toString);
            String audit = Files.readString(runDir.resolve("greeter.audit.jsonl"));
            assertTrue(audit.contains("\"peer\":\"unix:nobody\",\"role\":\"observe\",\"credential\":\"the Unix socket"
                    + " as user nobody of group nogroup\""), audit);
        } finally {
            Files.walk(open).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String[] args(List<String> target, String command, String... rest) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(target);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static String modeAndGroup(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        return PosixFilePermissions.toString(attributes.permissions()) + " " + attributes.group().getName();
    }

    /**
     * What line mode answers {@code input} with on the Unix socket {@code socket}, for user nobody: everything up to
     * and including the line that starts with {@code last}.
     */
    private static String lineModeAsNobody(Path socket, String input, String last) throws Exception {
        Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", "/usr/bin/python3", "-c",
                "import socket, sys\n"
                        + "s = socket.socket(socket.AF_UNIX); s.settimeout(30); s.connect(sys.argv[1])\n"
                        + "s.sendall(sys.argv[2].encode()); said = b''\n"
                        + "while not (b'\\n' + sys.argv[3].encode()) in b'\\n' + said or not said.endswith(b'\\n'):\n"
                        + "    chunk = s.recv(65536)\n"
                        + "    if not chunk: break\n"
                        + "    said += chunk\n"
                        + "sys.stdout.buffer.write(said)\n",
                socket.toString(), input, last).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return said;
    }

    /** The real CLI run as user nobody (whose group is nogroup), with a home it may write to. */
    private static Cli.Result asNobody(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env", "HOME=" + home,
                Jdk.build().java(), "-jar", Artifacts.clientJar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Cli.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
