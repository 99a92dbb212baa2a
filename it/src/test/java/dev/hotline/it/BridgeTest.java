package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands reaching a service through {@code ssh://}: a real OpenSSH server on a loopback port, with its own
 * host and user keys, runs {@code hotline bridge} on the "far side" (this machine, as the test's user), which
 * authenticates there: eval, a piped REPL, snapshot, trace, reload (the class file sent in the request),
 * status and stop; the audit log names the SSH client as the origin. Target JVMs on JDK 17 and 25.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class BridgeTest {

    @Parameter
    private Jdk jdk;
    private static Sshd sshd;
    private static TargetJvm greeter;
    private static Map<String, String> env;
    private static int httpPort;

    @BeforeParameterizedClassInvocation
    static void start(Jdk jdk, @TempDir Path work) throws Exception {
        sshd = Sshd.start(work);
        env = sshd.env();
        greeter = TargetJvm.greeter(jdk, work, "");
        httpPort = greeter.greeterHttpPort(jdk, work);
        Http.get("http://127.0.0.1:" + httpPort + "/greet?name=first");
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        greeter.close();
        sshd.close();
    }

    /** {@code hotline COMMAND --dir RUNDIR --name ssh://127.0.0.1/greeter ARGS...}. */
    private static String[] overSsh(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--dir", greeter.runDir().toString(), "--name",
                "ssh://127.0.0.1/" + greeter.name()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void evalReplSnapshotAndTraceGoThroughSshAndTheTokenIsOnNoCommandLine() throws Exception {
        Cli.Result eval = Cli.run(env, "", overSsh("eval", "6 * 7"));
        assertEquals("42\n", eval.stdout(), eval::toString);
        String record = Files.readAllLines(greeter.runDir().resolve(greeter.name() + ".audit.jsonl")).stream()
                .filter(line -> line.contains("\"code\":\"6 * 7\"")).findFirst().orElseThrow();
        assertTrue(record.contains("\"origin\":\"ssh:" + System.getProperty("user.name") + "@127.0.0.1:"), record);

        Cli.Result repl = Cli.run(env, "int viaSsh = 3;\nviaSsh * 4\n", overSsh("repl"));
        assertTrue(repl.stdout().contains("12\n"), repl::toString);

        Cli.Result snapshot = Cli.run(env, "", overSsh("snapshot"));
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        assertTrue(snapshot.stdout().contains("1 declarations"), snapshot::toString);

        Cli.Running trace = Cli.start(env, overSsh("trace", "dev.hotline.samples.greeter.Greeter::greet", "--count", "2"));
        trace.awaitStderr("Ctrl-C ends it");
        String token = greeter.token();
        assertFalse(commandLinesHolding(token), "no process has the token on its command line");
        Http.get("http://127.0.0.1:" + httpPort + "/greet?name=Ada");
        Http.get("http://127.0.0.1:" + httpPort + "/greet?name=Bob");
        Cli.Result traced = trace.finish();
        assertEquals(0, traced.exitCode(), traced::toString);
        assertTrue(traced.stdout().contains("Greeter.greet(\"Ada\") returned \"Hello, Ada!")
                && traced.stdout().contains("Greeter.greet(\"Bob\")"), traced::toString);
    }

    @Test
    void aWrongRemoteNameSaysSoAndExits3() throws Exception {
        Cli.Result r = Cli.run(env, "", "eval", "--dir", greeter.runDir().toString(), "--name", "ssh://127.0.0.1/nosuch",
                "1");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("hotline: no service named nosuch in " + greeter.runDir()), r::toString);
        assertTrue(r.stderr().contains("ended before the service answered (exit status 3)"), r::toString);
    }

    @Test
    void reloadSendsTheClassFileThroughTheBridgeAndStatusAnswersThroughIt(@TempDir Path work) throws Exception {
        Cli.Result reload = Cli.run(env, "", overSsh("reload", GreeterSource.classFile(work.resolve("v2"), "over ssh")
                .toString()));
        assertEquals(0, reload.exitCode(), reload::toString);
        assertTrue(reload.stdout().contains("redefined") && reload.stdout().contains("dev.hotline.samples.greeter.Greeter"),
                reload::toString);
        assertTrue(Http.get("http://127.0.0.1:" + httpPort + "/greet?name=Cy").contains("(over ssh, visit #"));

        Cli.Result status = Cli.run(env, "", overSsh("status"));
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().startsWith("greeter is running: pid " + greeter.pid()), status::toString);
    }

    @Test
    void stopThroughTheBridgeEndsTheService(@TempDir Path work) throws Exception {
        try (TargetJvm other = TargetJvm.greeter(jdk, work, "")) {
            Cli.Result stop = Cli.run(env, "", "stop", "--dir", other.runDir().toString(), "--name",
                    "ssh://127.0.0.1/" + other.name());
            assertEquals(0, stop.exitCode(), stop::toString);
            assertTrue(stop.stdout().startsWith("stopped " + other.name() + " (pid " + other.pid()
                    + ") by the shutdown request, through 'ssh"), stop::toString);
            assertTrue(other.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the service exited");
        }
    }

    private static boolean commandLinesHolding(String secret) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (new String(Files.readAllBytes(process.resolve("cmdline"))).contains(secret)) {
                        return true;
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return false;
    }
}
