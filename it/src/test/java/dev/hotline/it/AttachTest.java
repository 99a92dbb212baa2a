package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hotline attach on plain running JVMs (started without the agent), on 17 and 25. */
class AttachTest {

    @Test
    void attachThenEvalThenAttachAgainReusesTheAgent(@TempDir Path work) throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Process plain = new ProcessBuilder(jdk.java(), "-XX:+EnableDynamicAgentLoading", "-cp",
                    Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService")
                    .redirectErrorStream(true).redirectOutput(work.resolve("plain" + jdk.label() + ".log").toFile()).start();
            try {
                Thread.sleep(1000);
                String dir = work.resolve("run").toString();
                Cli.Result attach = Cli.run("", "attach", String.valueOf(plain.pid()), "--dir", dir);
                assertEquals(0, attach.exitCode(), attach::toString);
                assertTrue(attach.stdout().contains("attached to JVM " + plain.pid()), attach::toString);

                Cli.Result eval = Cli.run("", "eval", "--dir", dir, "--name", "jvm-" + plain.pid(),
                        "dev.hotline.samples.greeter.Greeter.HITS.incrementAndGet() + Runtime.version().feature() * 100");
                assertEquals((Integer.parseInt(jdk.label()) * 100 + 1) + "\n", eval.stdout(), eval::toString);

                Cli.Result again = Cli.run("", "attach", String.valueOf(plain.pid()), "--dir", dir);
                assertEquals(0, again.exitCode(), again::toString);
                assertTrue(again.stdout().contains("already runs the agent: service jvm-" + plain.pid()), again::toString);

                Cli.Result list = Cli.run("", "list", "--dir", dir);
                assertTrue(list.stdout().contains("pid " + plain.pid() + ": service jvm-" + plain.pid()), list::toString);
            } finally {
                plain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void attachingToNoJvmExitsThree() throws Exception {
        Cli.Result r = Cli.run("", "attach", "999999999");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("cannot attach to JVM 999999999"), r::toString);
    }

    @Test
    void attachWithNoPidListsTheJvmsItCanAttachToOnJdk17AndJdk25(@TempDir Path work) throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Process plain = new ProcessBuilder(jdk.java(), "-XX:+EnableDynamicAgentLoading", "-cp",
                    Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService")
                    .redirectErrorStream(true).redirectOutput(work.resolve("listed" + jdk.label() + ".log").toFile()).start();
            try {
                Thread.sleep(1000);
                Cli.Result list = Cli.run("", "attach", "--json");
                assertEquals(0, list.exitCode(), list::toString);
                assertTrue(list.stdout().contains("{\"pid\":" + plain.pid()
                        + ",\"runs\":\"dev.hotline.samples.greeter.GreeterService\",\"java-version\":\"" + jdk.label()),
                        list::toString);
            } finally {
                plain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void attachingToAProcessThatIsNotAJvmFailsAtOnceAndLeavesItAlone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            long t0 = System.nanoTime();
            Cli.Result r = Cli.run("", "attach", String.valueOf(sleeper.pid()));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(3, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("it is not a JVM this user can attach to"), r::toString);
            // the Attach API alone would signal it and wait 10 s; the bound is loose for a loaded machine
            assertTrue(millis < 8000, "took " + millis + " ms");
            assertTrue(sleeper.isAlive(), "the process was not signalled");
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
