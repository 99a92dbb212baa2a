package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One command on many services: a logpoint on three greeters, one of which greets differently; and five local
 * greeters (JDK 17 and 25 mixed), the first of them also through {@code ssh://}, and one that is down. Each answers in its own block and row; a value that differs is marked;
 * the one that is down is an error row and makes the exit code non-zero, while the others still answer. Then
 * {@code reload --canary 1 --verify}: a failing check reverts the canary only; a passing one reaches all six.
 */
class FanOutTest {
    private static final String TEMPLATE = "dev.hotline.samples.greeter.Greeter.template";
    private static final String GREET = "dev.hotline.samples.greeter.Greeter.greet";

    @TempDir
    Path work;

    @Test
    void aLogpointOnThreeServicesMarksTheOneWhoseValueDiffers() throws Exception {
        Path runDir = work.resolve("run");
        List<TargetJvm> services = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                services.add(TargetJvm.start(i == 2 ? Jdk.jdk25() : Jdk.build(), runDir, "p" + i, "",
                        Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService"));
                assertEquals(0, Cli.eval(services.get(i - 1), GREET + "(\"warm\")").exitCode()); // loaded
            }
            assertEquals(0, Cli.eval(services.get(1), TEMPLATE + " = \"Howdy, %s!\"").exitCode());
            Cli.Running log = Cli.start("log", "--dir", runDir.toString(), "--all", "Greeter.java:25",
                    "{String.format(Greeter.template, name)}", "--count", "1", "--seconds", "60");
            while (log.process().isAlive()) { // until each service's probe is set and hit once
                for (TargetJvm service : services) {
                    Cli.eval(service, GREET + "(\"Ada\")");
                }
                Thread.sleep(200);
            }
            Cli.Result r = log.finish();
            assertEquals(0, r.exitCode(), r::toString);
            List<String> lines = r.stdout().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.matches("p2: .* Greeter:25 \"Howdy, Ada!\"")), r::toString);
            int header = lines.indexOf("target  outcome      value");
            assertTrue(header > 0, "the table: " + r);
            assertEquals(List.of("p1      ok           \"Hello, Ada!\"",
                    "p2      ok           \"Howdy, Ada!\"   <- differs from the most common value (2 of 3)",
                    "p3      ok           \"Hello, Ada!\""), lines.subList(header + 1, lines.size()));
        } finally {
            services.forEach(TargetJvm::close);
        }
    }

    @Test
    void evalOnFiveLocalServicesAndOneOverSshMarksTheOddValueAndTheServiceThatIsDown() throws Exception {
        Path runDir = work.resolve("run");
        List<TargetJvm> services = new ArrayList<>();
        try (Sshd sshd = Sshd.start(work)) {
            for (int i = 1; i <= 5; i++) {
                services.add(TargetJvm.start(i % 2 == 0 ? Jdk.jdk25() : Jdk.build(), runDir, "s" + i, "",
                        Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService"));
            }
            assertEquals(0, Cli.eval(services.get(2), TEMPLATE + " = \"Howdy, %s!\"").exitCode());
            Files.writeString(runDir.resolve("gone.port"), "1\n"); // a service that died and left its port file
            Path targets = Files.writeString(work.resolve("targets"),
                    "# five local services, one of them again over ssh, and one that is down\n"
                            + "s1\ns2\ns3\ns4\ns5\nssh://127.0.0.1/s1\ngone\n");

            Cli.Result r = Cli.run(sshd.env(), "", "eval", "--dir", runDir.toString(), "--targets", targets.toString(),
                    "--parallel", "3", "System.out.println(\"from \" + java.lang.management.ManagementFactory"
                            + ".getRuntimeMXBean().getSpecVersion()); " + TEMPLATE);
            assertEquals(3, r.exitCode(), "the worst: one target is unreachable\n" + r);
            List<String> lines = r.stdout().lines().toList();
            assertTrue(lines.contains("s2: from 25") && lines.contains("s1: from 17"), "each block is prefixed: " + r);
            assertTrue(lines.contains("gone: error: cannot connect to 127.0.0.1:1: connection refused (is the service"
                    + " running?)"), r::toString);
            int header = lines.indexOf("target              outcome      value");
            assertTrue(header > 0, "the table: " + r);
            List<String> table = lines.subList(header + 1, lines.size());
            assertEquals(7, table.size(), r::toString);
            assertEquals("s1                  ok           \"Hello, %s!\"", table.get(0));
            assertEquals("s3                  ok           \"Howdy, %s!\"   <- differs from the most common value"
                    + " (5 of 7)", table.get(2));
            assertEquals("ssh://127.0.0.1/s1  ok           \"Hello, %s!\"", table.get(5));
            assertTrue(table.get(6).startsWith("gone                unreachable  cannot connect"), table.get(6));

            Cli.Result status = Cli.run("", "status", "--dir", runDir.toString(), "--all");
            assertEquals(3, status.exitCode(), status::toString);
            assertEquals(6, status.stdout().lines().filter(l -> l.matches("(s\\d|gone) +(ok|unreachable) .*")).count(),
                    status::toString);

            // reload --canary 1: a failing check reverts the canary and leaves the rest; a passing one reaches all
            Files.delete(runDir.resolve("gone.port"));
            Path fleet = Files.writeString(work.resolve("fleet"), "s1\ns2\ns3\ns4\ns5\nssh://127.0.0.1/s1\n");
            assertEquals(0, Cli.eval(services.get(0), GREET + "(\"warm\")").exitCode()); // Greeter is loaded in s1
            String classFile = GreeterSource.classFile(work.resolve("v2"), "v2").toString();
            Cli.Result failing = Cli.run(sshd.env(), "", "reload", "--dir", runDir.toString(), "--targets",
                    fleet.toString(), "--canary", "1", "--verify", GREET + "(\"x\").contains(\"v3\")", classFile);
            assertEquals(1, failing.exitCode(), failing::toString);
            assertTrue(failing.stdout().contains("the canaries' check failed"), failing::toString);
            assertTrue(failing.stdout().contains("reverted dev.hotline.samples.greeter.Greeter"), failing::toString);
            for (TargetJvm service : services) {
                assertFalse(Cli.eval(service, GREET + "(\"x\")").stdout().contains("v2"), "untouched: " + service.name());
            }
            Cli.Result passing = Cli.run(sshd.env(), "", "reload", "--dir", runDir.toString(), "--targets",
                    fleet.toString(), "--canary", "1", "--verify", GREET + "(\"x\").contains(\"v2\")", classFile);
            assertEquals(0, passing.exitCode(), passing::toString);
            assertEquals(6, passing.stdout().lines().filter(l -> l.matches("\\S+ +ok +[01] redefined, verified")).count(),
                    "all six reloaded (s1 twice: once through ssh, where it was already done) and verified: " + passing);
            for (TargetJvm service : services) {
                assertTrue(Cli.eval(service, GREET + "(\"x\")").stdout().contains("v2"), service.name());
            }
        } finally {
            services.forEach(TargetJvm::close);
        }
    }
}
