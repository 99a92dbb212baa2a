package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hotline doctor: what it says about this machine, a run directory and processes to attach to. */
class DoctorTest {

    private static Process plainJvm(Jdk jdk, Path log, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(jdk.java()));
        command.addAll(List.of(flags));
        command.addAll(List.of("-cp", Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread.sleep(1000);
        return p;
    }

    @Test
    void aJdkAndAPrivateRunDirectoryAreOkAndAnOpenOneIsWarnedAbout(@TempDir Path work) throws Exception {
        Path open = Files.createDirectories(work.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Cli.Result r = Cli.run("", "doctor", "--dir", open.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("ok: this JDK at ") && r.stdout().contains("has jdk.jshell, jdk.compiler and jdk.attach"),
                r::toString);
        assertTrue(r.stdout().contains("warning: run directory " + open + " has mode rwxr-xr-x: other users can see"
                + " which services run and where: chmod 700 " + open), r::toString);
    }

    @Test
    void aPlainJvmCanBeAttachedToAndJdk25WithoutTheFlagIsWarnedAbout(@TempDir Path work) throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Process plain = plainJvm(jdk, work.resolve("plain" + jdk.label() + ".log"));
            try {
                Cli.Result r = Cli.run("", "doctor", "--pid", String.valueOf(plain.pid()));
                assertEquals(0, r.exitCode(), r::toString);
                assertTrue(r.stdout().contains("ok: JVM " + plain.pid() + " can be attached to (Java " + jdk.label()),
                        r::toString);
                boolean warned = r.stdout().contains("without -XX:+EnableDynamicAgentLoading");
                assertEquals(jdk.label().equals("25"), warned, "JEP 451 applies from Java 21: " + r);
            } finally {
                plain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aJvmThatRefusesAttachAndAProcessThatIsNotAJvmAreProblems(@TempDir Path work) throws Exception {
        Process refusing = plainJvm(Jdk.build(), work.resolve("refusing.log"), "-XX:+DisableAttachMechanism");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli.Result r = Cli.run("", "doctor", "--pid", String.valueOf(refusing.pid()));
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("problem: JVM " + refusing.pid()
                    + " was started with -XX:+DisableAttachMechanism, which refuses attach"), r::toString);
            Cli.Result s = Cli.run("", "doctor", "--pid", String.valueOf(sleeper.pid()));
            assertEquals(1, s.exitCode(), s::toString);
            assertTrue(s.stdout().contains("problem: process " + sleeper.pid() + " is not a JVM this user can attach to"),
                    s::toString);
            assertFalse(s.stdout().contains("ok: JVM"), s::toString);
        } finally {
            refusing.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            sleeper.destroyForcibly();
        }
    }
}
