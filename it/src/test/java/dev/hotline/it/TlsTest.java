package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A port off loopback speaks TLS or does not open: {@code host=0.0.0.0} alone is refused at start, with
 * {@code tls=true} the service makes a self-signed certificate (kept 0600 beside the token, reused on restart),
 * writes its fingerprint into the port file, and the CLI pins it: the right one evaluates, a wrong one is refused
 * before the token is sent.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class TlsTest {
    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    @Test
    void aPortOffLoopbackWithoutTlsIsRefusedAtStart() throws Exception {
        Path run = work.resolve("run");
        Process jvm = new ProcessBuilder(jdk.java(), "-javaagent:" + Artifacts.agentJar() + "=name=open,dir=" + run
                + ",host=0.0.0.0", "-cp", Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService",
                "--port-file", work.resolve("http.port").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("open.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            String log = "";
            for (int i = 0; i < 300 && !log.contains("not a loopback address"); i++) {
                Thread.sleep(100);
                log = Files.readString(work.resolve("open.log"));
            }
            assertTrue(log.contains("option host=0.0.0.0 is not a loopback address: tokens and code would cross the"
                    + " network in clear; add tls=true"), log);
            assertFalse(Files.exists(run.resolve("open.port")), "no port opened");
        } finally {
            jvm.destroy();
            jvm.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCliPinsTheCertificateThePortFileNames() throws Exception {
        Path run = work.resolve("run");
        String fingerprint;
        try (TargetJvm secure = TargetJvm.start(jdk, run, "secure", "tls=true,host=0.0.0.0", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService", "--port-file", work.resolve("http.port").toString())) {
            List<String> portFile = Files.readAllLines(secure.portFile());
            assertEquals(2, portFile.size(), portFile.toString());
            assertTrue(portFile.get(1).matches("tls sha256:[0-9a-f]{64}"), portFile.toString());
            fingerprint = portFile.get(1);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    run.resolve("secure.tls.p12"))));

            Cli.Result eval = Cli.run("", "eval", "--port-file", secure.portFile().toString(), "6 * 7");
            assertEquals("42\n", eval.stdout(), eval::toString);

            Path forged = work.resolve("forged.port");
            Files.writeString(forged, portFile.get(0) + "\ntls sha256:" + "0".repeat(64) + "\n");
            Files.copy(secure.tokenFile(), work.resolve("forged.token"));
            Cli.Result refused = Cli.run("", "eval", "--port-file", forged.toString(), "System.exit(1)");
            assertEquals(3, refused.exitCode(), refused::toString);
            assertTrue(refused.stderr().contains("it presented the certificate sha256:"
                    + fingerprint.substring("tls sha256:".length()) + ", not sha256:" + "0".repeat(64)
                    + " which its port file names; the port file is stale, another process holds the port, or"
                    + " someone is in the middle. Nothing was sent"), refused::toString);
            assertTrue(secure.isAlive());
            assertTrue(secure.stderr().contains("listening on 0.0.0.0, not loopback: the port is reachable from other"
                    + " hosts, over TLS"), secure.stderr()); // said at start, before the evaluation above
        }
        try (TargetJvm again = TargetJvm.start(jdk, run, "secure", "tls=true,host=0.0.0.0", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService", "--port-file", work.resolve("http2.port").toString())) {
            assertEquals(fingerprint, Files.readAllLines(again.portFile()).get(1), "the identity is kept across restarts");
        }
    }
}
