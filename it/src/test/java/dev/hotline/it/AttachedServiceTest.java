package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JVM that Hotline was attached to is a service like one it launched: status, list, eval, snapshot and stop
 * find it by name; detach leaves it running without Hotline, and it can be attached again.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class AttachedServiceTest {
    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    private Process plain;
    private String dir;

    @BeforeEach
    void startAPlainJvm() throws Exception {
        plain = new ProcessBuilder(jdk.java(), "-XX:+EnableDynamicAgentLoading", "-cp", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService")
                .redirectErrorStream(true).redirectOutput(work.resolve("plain.log").toFile()).start();
        Thread.sleep(1000);
        dir = work.resolve("run").toString();
    }

    @AfterEach
    void stopIt() throws Exception {
        plain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private Cli.Result hotline(String... args) throws Exception {
        return Cli.run("", args);
    }

    @Test
    void statusListEvalSnapshotAndStopFindItByName() throws Exception {
        assertEquals(0, hotline("attach", String.valueOf(plain.pid()), "--dir", dir, "--name", "plain").exitCode());
        Cli.Result status = hotline("status", "plain", "--dir", dir);
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().startsWith("plain is running: pid " + plain.pid()), status::toString);
        assertTrue(status.stdout().contains("\nyour role: operate (the Unix socket as user "
                + System.getProperty("user.name") + ")\n"), status::toString);
        Cli.Result list = hotline("list", "--dir", dir);
        assertTrue(list.stdout().contains("plain: running, pid " + plain.pid() + " (attached)"), list::toString);
        assertEquals("42\n", hotline("eval", "--dir", dir, "--name", "plain", "6*7").stdout());
        Cli.Result snapshot = hotline("snapshot", "plain", "--dir", dir);
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        assertTrue(Files.exists(work.resolve("run/plain.image")), snapshot::toString);
        Cli.Result stop = hotline("stop", "plain", "--dir", dir);
        assertEquals(0, stop.exitCode(), stop::toString);
        assertTrue(plain.waitFor(10, TimeUnit.SECONDS), "the attached JVM stopped");
        assertEquals(3, hotline("status", "plain", "--dir", dir).exitCode());
    }

    @Test
    void detachLeavesItRunningAndItCanBeAttachedAgain() throws Exception {
        String pid = String.valueOf(plain.pid());
        assertEquals(0, hotline("attach", pid, "--dir", dir, "--name", "plain").exitCode());
        Cli.Result detach = hotline("detach", "plain", "--dir", dir);
        assertEquals(0, detach.exitCode(), detach::toString);
        assertTrue(detach.stdout().contains("detached"), detach::toString);
        Thread.sleep(500);
        assertTrue(plain.isAlive(), "the service runs on");
        assertFalse(Files.exists(work.resolve("run/plain.port")), "its port file is gone");
        assertFalse(Files.exists(work.resolve("run/plain.pid")), "its pid file is gone");
        assertEquals(3, hotline("status", "plain", "--dir", dir).exitCode());

        Cli.Result again = hotline("attach", pid, "--dir", dir, "--name", "plain");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.stdout().contains("attached to JVM " + pid), again::toString);
        assertEquals("42\n", hotline("eval", "--dir", dir, "--name", "plain", "6*7").stdout());
        assertEquals(0, hotline("status", "--pid", pid, "--dir", dir).exitCode(), "--pid finds it too");
    }
}
