package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hotline start, stop, restart, status, kill, zap on real processes, with the greeter sample. */
class DaemonLifecycleTest {
    @TempDir
    Path work;

    private Path conf;

    /** Writes a config for the greeter; extra lines are appended as they are. */
    private Path config(String name, String... extra) throws Exception {
        conf = GreeterConfig.write(work, name, extra);
        return conf;
    }

    @AfterEach
    void killLeftovers() throws Exception {
        if (conf != null) {
            Cli.run("", "kill", conf.toString());
        }
    }

    private Path run(String file) {
        return work.resolve("run").resolve(file);
    }

    private long pid(String name) throws Exception {
        return Long.parseLong(Files.readAllLines(run(name + ".pid")).get(0));
    }

    @Test
    void startStatusEvalStopOnJdk17AndJdk25() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Path c = config("svc" + jdk.label(), "java-home=" + jdk.home());
            Cli.Result start = Cli.run("", "start", c.toString());
            assertEquals(0, start.exitCode(), start::toString);
            assertTrue(start.stdout().matches("started svc\\d+: pid \\d+, port \\d+, ready in \\d+ ms\\n"), start::toString);

            Cli.Result status = Cli.run("", "status", c.toString());
            assertEquals(0, status.exitCode(), status::toString);
            assertTrue(status.stdout().contains("Java " + (jdk.label().equals("17") ? "17" : "25")), status::toString);

            Cli.Result eval = Cli.run("", "eval", "--dir", work.resolve("run").toString(), "--name", "svc" + jdk.label(),
                    "Runtime.version().feature()");
            assertEquals(jdk.label() + "\n", eval.stdout(), eval::toString);

            long firstPid = pid("svc" + jdk.label());
            Cli.Result restart = Cli.run("", "restart", c.toString());
            assertEquals(0, restart.exitCode(), restart::toString);
            assertNotEquals(firstPid, pid("svc" + jdk.label()), "restart gives a new pid");

            Cli.Result stop = Cli.run("", "stop", c.toString());
            assertEquals(0, stop.exitCode(), stop::toString);
            assertTrue(stop.stdout().contains("by the shutdown request"), stop::toString);
            assertEquals(3, Cli.run("", "status", c.toString()).exitCode());
            assertFalse(Files.exists(run("svc" + jdk.label() + ".pid")), "pid file removed");
            assertFalse(Files.exists(run("svc" + jdk.label() + ".port")), "port file removed");
        }
    }

    @Test
    void killedServiceIsStaleUntilZappedThenStartsAgain() throws Exception {
        Path c = config("crashy");
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        ProcessHandle crashed = ProcessHandle.of(pid("crashy")).orElseThrow();
        crashed.destroyForcibly();
        crashed.onExit().get(10, TimeUnit.SECONDS);

        Cli.Result stale = Cli.run("", "status", c.toString());
        assertEquals(1, stale.exitCode(), stale::toString);
        assertTrue(stale.stdout().contains("is gone"), stale::toString);
        assertTrue(Files.exists(run("crashy.sock")), "a killed service leaves its socket");
        assertEquals(0, Cli.run("", "zap", c.toString()).exitCode());
        assertFalse(Files.exists(run("crashy.sock")), "zap removes it");
        assertEquals(3, Cli.run("", "status", c.toString()).exitCode());
        Cli.Result again = Cli.run("", "start", c.toString());
        assertEquals(0, again.exitCode(), again::toString);
    }

    @Test
    void aPidFileNamingSomeoneElsesProcessIsStaleAndNeverSignalled() throws Exception {
        Path c = config("reused");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Files.createDirectories(run(""));
            Files.writeString(run("reused.pid"), sleeper.pid() + "\n12345\n");
            Cli.Result status = Cli.run("", "status", c.toString());
            assertEquals(1, status.exitCode(), status::toString);
            assertTrue(status.stdout().contains("belongs to another process"), status::toString);
            Cli.Result stop = Cli.run("", "stop", c.toString());
            assertTrue(stop.stdout().contains("nothing was signalled"), stop::toString);
            Cli.Result kill = Cli.run("", "kill", c.toString());
            assertEquals(0, kill.exitCode(), kill::toString);
            assertTrue(sleeper.isAlive(), "the unrelated process was not touched");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void twoStartsAtOnceLeaveExactlyOneRunning() throws Exception {
        Path c = config("twins");
        CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(() -> start(c));
        CompletableFuture<Cli.Result> second = CompletableFuture.supplyAsync(() -> start(c));
        List<Cli.Result> results = List.of(first.get(90, TimeUnit.SECONDS), second.get(90, TimeUnit.SECONDS));
        assertEquals(2, results.stream().filter(r -> r.exitCode() == 0).count(),
                "a start of a running service succeeds, as an LSB init script's does: " + results);
        assertEquals(1, results.stream().filter(r -> r.stdout().contains("twins is already running (pid ")).count(),
                results::toString);
        long javaProcesses = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("name=twins,")).orElse(false))
                .count();
        assertEquals(1, javaProcesses, "exactly one service process");
    }

    @Test
    void aShutdownThatHangsEndsWithSigtermThenSigkill() throws Exception {
        Path c = config("stuck", "args=--hang-on-shutdown", "stop-timeout=2", "term-timeout=2");
        assertEquals(0, Cli.run("", "start", c.toString()).exitCode());
        long pid = pid("stuck");
        Cli.Result stop = Cli.run("", "stop", c.toString());
        assertEquals(0, stop.exitCode(), stop::toString);
        assertTrue(stop.stdout().contains("by SIGKILL, after 2 s without exiting on SIGTERM"), stop::toString);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(run("stuck.pid")));
    }

    @Test
    void aServiceThatDiesAtStartUpIsReportedWithItsLogAndLeavesNoPidFile() throws Exception {
        Path c = config("broken");
        Files.writeString(c, Files.readString(c).replace("GreeterService", "NoSuchMain"));
        Cli.Result start = Cli.run("", "start", c.toString());
        assertNotEquals(0, start.exitCode(), start::toString);
        assertTrue(start.stderr().contains("exited during start-up with status 1"), start::toString);
        assertTrue(start.stderr().contains("NoSuchMain"), "the log's last lines are shown: " + start);
        assertFalse(Files.exists(run("broken.pid")), "no pid file left behind");
    }

    @Test
    void theServiceSurvivesItsLaunchingTerminalClosing() throws Exception {
        Path c = config("survivor");
        String socket = "hotline-daemon-" + ProcessHandle.current().pid();
        String command = Jdk.build().java() + " -jar " + Artifacts.clientJar() + " start " + c + "; sleep 600";
        new ProcessBuilder("tmux", "-L", socket, "new-session", "-d", "-s", "launch", command).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(run("survivor.port")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(); // SIGHUP to the terminal's processes
        Thread.sleep(1000);
        Cli.Result status = Cli.run("", "status", c.toString());
        assertEquals(0, status.exitCode(), "still running after its terminal closed: " + status);
    }

    @Test
    void runKeepsTheServiceInTheForegroundAndSigtermStopsIt() throws Exception {
        Path c = config("foreground");
        Process run = new ProcessBuilder(Jdk.build().java(), "-jar", Artifacts.clientJar().toString(), "run", c.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("run.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(run("foreground.port")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, Cli.run("", "status", c.toString()).exitCode());
            long service = pid("foreground");
            assertTrue(Files.readString(work.resolve("run.out")).contains("greeter: http://"), "its output is ours");
            run.destroy(); // SIGTERM to hotline run, as systemd or Supervisor would send
            assertTrue(run.waitFor(60, TimeUnit.SECONDS));
            assertFalse(ProcessHandle.of(service).map(ProcessHandle::isAlive).orElse(false), "the service stopped too");
            assertEquals(3, Cli.run("", "status", c.toString()).exitCode());
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void configErrorsNameTheFileAndLine() throws Exception {
        Path c = config("typos", "prot=8080");
        Cli.Result unknown = Cli.run("", "start", c.toString());
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains(c + ":7: unknown key 'prot'"), unknown::toString);
        Files.writeString(c, Files.readString(c).replace("prot=8080", "port=eighty"));
        Cli.Result bad = Cli.run("", "start", c.toString());
        assertTrue(bad.stderr().contains(c + ":7: port=eighty: not a whole number"), bad::toString);
        Files.writeString(c, Files.readString(c).replace("port=eighty", "port=0"));
        Cli.Result override = Cli.run("", "status", c.toString(), "--set", "term-timeout=-1");
        assertTrue(override.stderr().contains("command line (--set term-timeout=-1)"), override::toString);
    }

    @Test
    void theGeneratedSystemdUnitVerifies() throws Exception {
        Path c = config("unit");
        Cli.Result unit = Cli.run("", "systemd-unit", c.toString());
        assertEquals(0, unit.exitCode(), unit::toString);
        assertTrue(unit.stdout().contains("SuccessExitStatus=143"), unit::toString);
        Path file = Files.writeString(work.resolve("unit.service"), unit.stdout());
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            System.out.println("systemd-analyze is not installed: the unit was generated but not verified");
            return;
        }
        Process verify = new ProcessBuilder("systemd-analyze", "verify", file.toString()).redirectErrorStream(true).start();
        String out = new String(verify.getInputStream().readAllBytes());
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), out);
    }

    private static Cli.Result start(Path c) {
        try {
            return Cli.run("", "start", c.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
