package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One way to name a service, whatever the command: a config file works for eval, repl, reload and snapshot
 * as for start and stop; --dir overrides the config's run directory; contradictions are refused; and a
 * service killed with kill -9 counts as gone while it is still a zombie.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class ServiceNamingTest {
    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    private Path conf;

    @AfterEach
    void killLeftovers() throws Exception {
        if (conf != null) {
            Cli.run("", "kill", conf.toString());
            Cli.run("", "kill", conf.toString(), "--dir", work.resolve("elsewhere").toString());
        }
    }

    private Path config() throws Exception {
        conf = Files.write(work.resolve("svc.properties"), CompileMode.config(List.of("name=svc",
                "main=dev.hotline.samples.greeter.GreeterService", "class-path=" + Artifacts.samplesClassPath(),
                "run-dir=" + work.resolve("run"), "java-home=" + jdk.home())));
        return conf;
    }

    @Test
    void evalReplReloadAndSnapshotTakeTheConfigFileAsStartDoes() throws Exception {
        String c = config().toString();
        assertEquals(0, Cli.run("", "start", c).exitCode());
        Cli.Result eval = Cli.run("", "eval", "--conf", c, "int seven() { return 7; }");
        assertEquals(0, eval.exitCode(), eval::toString);
        Cli.Result repl = Cli.run("seven() * 6\n", "repl", "--conf", c);
        assertEquals("42\n", repl.stdout(), repl::toString);
        Path source = Files.createDirectories(work.resolve("src")).resolve("Later.java");
        Files.writeString(source, "package acme;\npublic class Later { }\n");
        Cli.Result reload = Cli.run("", "reload", "--conf", c, source.toString());
        assertEquals(0, reload.exitCode(), reload::toString);
        Cli.Result snapshot = Cli.run("", "snapshot", "--conf", c);
        assertTrue(snapshot.stdout().contains("1 sessions, 1 declarations, 1 classes"), snapshot::toString);
        assertEquals(0, Cli.run("", "stop", "--conf", c).exitCode());
    }

    @Test
    void dirOverridesTheConfigsRunDirectory() throws Exception {
        String c = config().toString();
        String elsewhere = work.resolve("elsewhere").toString();
        Cli.Result start = Cli.run("", "start", c, "--dir", elsewhere);
        assertEquals(0, start.exitCode(), start::toString);
        assertTrue(Files.exists(work.resolve("elsewhere/svc.port")), "the service's files are in --dir");
        assertEquals(3, Cli.run("", "status", c).exitCode(), "the config's own run directory has no service");
        assertEquals(0, Cli.run("", "status", c, "--dir", elsewhere).exitCode());
        assertEquals("2\n", Cli.run("", "eval", "--conf", c, "--dir", elsewhere, "1+1").stdout());
        assertEquals(0, Cli.run("", "stop", c, "--dir", elsewhere).exitCode());
    }

    @Test
    void contradictionsAreRefusedWithAUsageError() throws Exception {
        Path portFile = Files.writeString(work.resolve("x.port"), "1\n");
        Cli.Result both = Cli.run("", "eval", "--port", "1", "--port-file", portFile.toString(), "1");
        assertEquals(2, both.exitCode(), both::toString);
        assertTrue(both.stderr().contains("--port and --port-file both say where the service listens"), both::toString);
        Cli.Result names = Cli.run("", "status", "one", "--name", "two");
        assertEquals(2, names.exitCode(), names::toString);
        assertTrue(names.stderr().contains("two names, one and --name two: give one"), names::toString);
    }

    @Test
    void aServiceKilledWithKill9IsNotRunningWhileItIsStillAZombie() throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        // sh starts the service, then becomes a sleep that never reaps it: its death leaves a zombie
        String java = jdk.home().resolve("bin/java") + " -javaagent:" + Artifacts.agentJar() + "=name=z,dir=" + run
                + ",daemon=true -cp " + Artifacts.samplesClassPath() + " dev.hotline.samples.greeter.GreeterService";
        Process parent = new ProcessBuilder("sh", "-c", java + " >/dev/null 2>&1 & exec sleep 300").start();
        try {
            Path portFile = run.resolve("z.port");
            for (int i = 0; i < 300 && !Files.exists(portFile); i++) {
                Thread.sleep(100);
            }
            long pid = Long.parseLong(Files.readString(run.resolve("z.pid")).strip().split("\\s+")[0]);
            assertEquals(0, Cli.run("", "status", "z", "--dir", run.toString()).exitCode());
            new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();
            Path stat = Path.of("/proc/" + pid + "/stat");
            for (int i = 0; i < 100 && !Files.readString(stat).contains(") Z "); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(stat).contains(") Z "), "the service is a zombie now");
            Cli.Result status = Cli.run("", "status", "z", "--dir", run.toString());
            assertEquals(1, status.exitCode(), status::toString);
            assertTrue(status.stdout().contains("is not running, but its pid file remains (pid " + pid
                    + " has exited (a zombie its parent has not reaped yet))"), status::toString);
        } finally {
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
