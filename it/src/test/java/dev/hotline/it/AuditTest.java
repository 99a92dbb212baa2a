package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.client.core.AuditRecords;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit log, {@code RUNDIR/NAME.audit.jsonl}: a record for each request that runs or changes code from every
 * dialect, the code's hash always and its text unless {@code audit=hash}, five files kept by rotation, and only
 * whole lines after a {@code kill -9} in the middle of a burst.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class AuditTest {

    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    private List<Map<String, String>> records(TargetJvm target) throws Exception {
        List<Map<String, String>> records = new ArrayList<>();
        for (String line : Files.readAllLines(target.runDir().resolve(target.name() + ".audit.jsonl"))) {
            records.add(AuditRecords.parse(line));
        }
        return records;
    }

    @Test
    void everyDialectsCodeAndEveryChangeIsRecordedWithWhoAndHow() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "")) {
            Http.get("http://127.0.0.1:" + greeter.greeterHttpPort(jdk, work)
                    + "/greet?name=first"); // Greeter is loaded: the reload redefines it, the trace finds it
            assertEquals(0, Cli.eval(greeter, "int audited = 41;").exitCode());
            try (WireClient line = new WireClient(greeter.port())) {
                line.raw(greeter.token() + "\naudited + 1\n");
                line.raw("/quit\n");
                line.readUntilClosed();
            }
            try (WireClient swank = WireClient.framed(greeter)) {
                swank.frame("(:emacs-rex (swank:interactive-eval \"audited * 2\") \"main\" t 1)");
                assertEquals("(:return (:ok \"=> 82\") 1)", swank.nextFrame());
            }
            assertEquals(0, Cli.run("", "reload", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                    GreeterSource.classFile(work.resolve("reload"), "audited").toString()).exitCode());
            assertEquals(0, Cli.run("", "snapshot", "--dir", greeter.runDir().toString(), greeter.name()).exitCode());
            assertEquals(0, Cli.run("", "trace", "--dir", greeter.runDir().toString(), "--name", greeter.name(),
                    "dev.hotline.samples.greeter.Greeter::greet", "--seconds", "1").exitCode());

            Path log = greeter.runDir().resolve(greeter.name() + ".audit.jsonl");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
            List<Map<String, String>> records = records(greeter);
            Map<String, String> eval = find(records, "native", "eval");
            assertEquals("int audited = 41;", eval.get("code"));
            assertEquals(sha256("int audited = 41;"), eval.get("sha256"));
            assertEquals("main", eval.get("session"));
            assertEquals("ok", eval.get("outcome"));
            assertEquals("unix:" + System.getProperty("user.name"), eval.get("peer"), "the CLI came through the socket");
            assertTrue(find(records, "line", "eval").get("peer").startsWith("127.0.0.1:"), records.toString());
            assertTrue(eval.get("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), eval.toString());
            assertTrue(Long.parseLong(eval.get("micros")) > 0);
            assertEquals("audited + 1\n", find(records, "line", "eval").get("code"));
            assertEquals("audited * 2", find(records, "swank", "eval").get("code"));
            Map<String, String> reload = find(records, "native", "reload");
            assertEquals("dev.hotline.samples.greeter.Greeter", reload.get("classes"), reload.toString());
            assertEquals("ok", find(records, "native", "snapshot").get("outcome"));
            assertTrue(find(records, "native", "trace").get("code").contains("Greeter::greet"));

            Cli.Result table = Cli.run("", "audit", "--dir", greeter.runDir().toString(), greeter.name(), "--since", "1h");
            assertEquals(0, table.exitCode(), table::toString);
            assertTrue(table.stdout().lines().anyMatch(l -> l.contains(" swank ") && l.contains("audited * 2")), table::toString);
        }
    }

    @Test
    void withHashOnlyNoCodeTextIsKept() throws Exception {
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "audit=hash")) {
            assertEquals(0, Cli.eval(greeter, "\"a secret\".length()").exitCode());
            String text = Files.readString(greeter.runDir().resolve(greeter.name() + ".audit.jsonl"));
            assertFalse(text.contains("secret"), text);
            assertEquals(sha256("\"a secret\".length()"), find(records(greeter), "native", "eval").get("sha256"));
        }
    }

    @Test
    void rotationKeepsFiveFilesAndAKillDuringABurstLeavesOnlyWholeLines() throws Exception {
        TargetJvm greeter = TargetJvm.greeter(jdk, work, "audit-max=4096");
        try (WireClient burst = WireClient.framed(greeter)) {
            String padding = "/* " + "x".repeat(120) + " */ "; // about 400 bytes a record: 4096 bytes fill fast
            for (int i = 0; i < 300; i++) {
                burst.frame(Plist.builder().put(Wire.OP, "eval").put(Wire.ID, i).put(Wire.CODE, padding + "1 + " + i)
                        .build().toString());
            }
            for (int answered = 0; answered < 200; ) { // most of them answered: the rest are going when it dies
                if (burst.reply().has(Wire.STATUS)) {
                    answered++;
                }
            }
            new ProcessBuilder("kill", "-9", String.valueOf(greeter.pid())).start().waitFor();
        } finally {
            greeter.close();
        }
        try (Stream<Path> files = Files.list(greeter.runDir())) {
            List<String> audit = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".audit.jsonl")).sorted().toList();
            assertEquals(List.of("greeter.audit.jsonl", "greeter.audit.jsonl.1", "greeter.audit.jsonl.2",
                    "greeter.audit.jsonl.3", "greeter.audit.jsonl.4"), audit);
            for (String name : audit) {
                Path file = greeter.runDir().resolve(name);
                assertTrue(Files.size(file) <= 4096, name + " is " + Files.size(file) + " bytes");
                String text = Files.readString(file);
                assertTrue(text.endsWith("}\n"), name + " ends in a whole line");
                for (String line : text.lines().toList()) {
                    assertTrue(line.startsWith("{\"time\":") && line.endsWith("]}"), name + ": " + line);
                }
            }
        }
    }

    private static Map<String, String> find(List<Map<String, String>> records, String dialect, String op) {
        return records.stream().filter(r -> dialect.equals(r.get("dialect")) && op.equals(r.get("op"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + dialect + " " + op + " record in " + records));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

}
