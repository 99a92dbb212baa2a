package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on the wire and bad credentials: each gets an error reply or a closed connection, nothing is
 * evaluated that should not be, and a second client keeps working throughout. On target JVMs 17 and 25.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class WireRobustnessTest {
    /** The target JDK of this run of the class; its lifecycle methods receive it too. */
    @Parameter
    private Jdk jdk;
    private static TargetJvm target;
    private static WireClient witness;

    @BeforeParameterizedClassInvocation
    static void start(Jdk jdk, @TempDir Path work) throws Exception {
        target = TargetJvm.start(jdk, work.resolve("run"), "wire", "max-frame=4096,auth-timeout=2",
                Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService");
        witness = WireClient.framed(target);
        assertEquals("2", witness.eval("1+1"));
    }

    @AfterEach
    void secondClientStillWorks() throws Exception {
        assertEquals("42", witness.eval("6*7"), "the witness connection keeps working");
        assertTrue(target.isAlive());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() throws Exception {
        witness.close();
        target.close();
    }

    @Test
    void truncatedFrameThenDisconnect() throws Exception {
        try (WireClient c = WireClient.framed(target)) {
            c.raw("00002a(:op :eval :code");
        }
    }

    @Test
    void badHeaderGetsAnErrorAndTheConnectionCloses() throws Exception {
        try (WireClient c = WireClient.framed(target)) {
            c.raw("00001x(:op :describe)");
            Plist reply = c.reply();
            assertTrue(reply.keywords("status").contains("bad-request"), reply::toString);
            assertTrue(reply.string("message").orElseThrow().contains("6 hex digits"), reply::toString);
            assertNull(c.reply(), "the stream cannot be trusted any more, so the server closes it");
        }
    }

    @Test
    void oversizeFrameIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (WireClient c = WireClient.framed(target)) {
            byte[] big = new byte[8192];
            java.util.Arrays.fill(big, (byte) ' ');
            c.raw("002000").raw(big);
            Plist reply = c.reply();
            assertTrue(reply.string("message").orElseThrow().contains("exceeds the limit of 4096"), reply::toString);
            assertEquals("3", c.eval("1+2"), "the oversize frame was skipped exactly");
        }
    }

    @Test
    void invalidUtf8IsRefusedAndTheConnectionGoesOn() throws Exception {
        try (WireClient c = WireClient.framed(target)) {
            c.raw(new byte[] {'0', '0', '0', '0', '0', '2', (byte) 0xC3, (byte) 0x28});
            assertTrue(c.reply().string("message").orElseThrow().contains("UTF-8"));
            assertEquals("4", c.eval("2+2"));
        }
    }

    @Test
    void malformedRequestsGetTypedErrors() throws Exception {
        try (WireClient c = WireClient.framed(target)) {
            c.frame("(:op :eval :id 5 :code \"1\"");
            Plist unbalanced = c.reply();
            assertTrue(unbalanced.keywords("status").contains("bad-request"), unbalanced::toString);
            assertTrue(unbalanced.string("message").orElseThrow().contains("unbalanced"), unbalanced::toString);

            c.frame("(:op :frobnicate :id 9)");
            Plist unknown = c.reply();
            assertEquals(9L, unknown.integer("id").orElseThrow());
            assertTrue(unknown.keywords("status").contains("unknown-op"), unknown::toString);

            c.frame("(1 2 3)");
            assertTrue(c.reply().keywords("status").contains("bad-request"));
            c.frame("(:id 3)");
            assertTrue(c.reply().string("message").orElseThrow().contains("no :op"));
            c.frame("(:op :eval :id 4)");
            assertTrue(c.reply().string("message").orElseThrow().contains("needs :code"));
            assertEquals("5", c.eval("2+3"));
        }
    }

    @Test
    void binaryGarbageNeverHurtsTheServer() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            try (WireClient c = WireClient.framed(target)) {
                c.raw(garbage);
            }
        }
    }

    @Test
    void describeListsTheOpsWithTheirArguments() throws Exception {
        witness.frame("(:op :describe :id 2)");
        Plist reply = witness.reply();
        String ops = reply.get("ops").orElseThrow().print();
        for (String op : new String[] {"describe", "eval", "clone", "interrupt", "status"}) {
            assertTrue(ops.contains(":op \"" + op + "\""), ops);
        }
        assertTrue(ops.contains(":name \"code\" :required t"), ops);
    }

    @Test
    void cloneGivesAThrowawaySessionOfItsOwn() throws Exception {
        try (WireClient c = WireClient.framed(target)) {
            c.frame("(:op :clone :id 1)");
            String session = c.reply().string("new-session").orElseThrow();
            assertTrue(session.startsWith("anon-"), session);
            c.frame("(:op :eval :id 2 :session \"" + session + "\" :code \"int onlyHere = 5;\")");
            while (!c.reply().keywords("status").contains("done")) {
                // value reply first, then done
            }
            assertTrue(witness.eval("onlyHere").startsWith("error: "), "main does not see the clone's variable");
        }
    }

    @Test
    void wrongTokenIsRefusedAndNothingIsEvaluated() throws Exception {
        try (WireClient c = new WireClient(target.port())) {
            c.frame("hl_this-is-not-the-token").frame("(:op :eval :id 1 :code \"System.setProperty(\\\"pwned\\\", \\\"framed\\\")\")");
            Plist reply = c.reply();
            assertTrue(reply.keywords("status").contains("auth-failed"), reply::toString);
            assertNull(c.reply(), "connection closed after the refusal");
        }
        try (WireClient c = new WireClient(target.port())) {
            String text = c.raw("System.setProperty(\"pwned\", \"line\")\n").readUntilClosed();
            assertTrue(text.startsWith("error: authentication failed"), text);
        }
        assertEquals("null", witness.eval("System.getProperty(\"pwned\")"), "nothing was evaluated");
        assertTrue(target.stderr().contains("rejected a connection"), "refusals are logged");
        assertTrue(!target.stderr().contains(target.token()), "the token never appears in the log");
    }

    @Test
    void unauthenticatedConnectionsAreClosedAfterTheTimeout() throws Exception {
        try (WireClient idle = new WireClient(target.port())) {
            assertTrue(idle.closedByServer(10_000), "auth-timeout=2 closes a silent connection");
        }
    }

    @Test
    void tokenFileIsPrivateAndTheDefaultBindIsLoopback() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.tokenFile())));
        assertTrue(target.token().matches("hl_[A-Za-z0-9_-]{43}"));
        assertTrue(target.stderr().contains("listening on 127.0.0.1:" + target.port()), target.stderr());
        for (var address : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var inet : java.util.Collections.list(address.getInetAddresses())) {
                if (!inet.isLoopbackAddress() && inet instanceof java.net.Inet4Address) {
                    assertTrue(refused(inet, target.port()), "port reachable on " + inet);
                }
            }
        }
    }

    private static boolean refused(java.net.InetAddress address, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 2000);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void lineModeOverRealNetcat() throws Exception {
        assertNotNull(which("nc"), "netcat is needed for this test: apt-get install netcat-openbsd");
        String token = target.token();
        assertEquals("2\n", netcat(token + "\n1+1\n"));
        assertEquals("| created method sq(int)\n49\n", netcat(token + "\nint sq(int x) {\n  return x * x;\n}\nsq(7)\n"),
                "a snippet spread over lines runs once complete");
        String help = netcat(token + "\n/help\n");
        assertTrue(help.contains("/status") && help.contains("/quit"), help);
        String status = netcat(token + "\n/status\n");
        assertTrue(status.contains("service wire"), status);
        String recycled = netcat(token + "\n/recycle\n");
        assertTrue(recycled.startsWith("| session main is being recycled"), recycled);
        assertEquals("64\n", netcat(token + "\nsq(8)\n"), "the recycled session still knows sq");
        assertTrue(netcat(token + "\n/status\n").contains("classes redefined: 0"));
    }

    @Test
    void lineModeSkipsAnOverlongLineAndClosesOnASnippetTooLongToKeep() throws Exception {
        String tooLong = "x".repeat(5000) + "\n";
        assertEquals("error: line longer than 4096 bytes, ignored\n2\n",
                netcat(target.token() + "\n" + tooLong + "1+1\n"), "a line on its own is skipped");
        String neverEnds = "String s = \"\"\"\n"
                + ("y".repeat(100) + "\n").repeat(45) + "\"\"\";\nSystem.setProperty(\"tail\", \"ran\");\n";
        assertEquals("error: snippet longer than 4096 characters and still incomplete: it is discarded, and the"
                + " connection closed so that none of its other lines run\n", netcat(target.token() + "\n" + neverEnds));
        String brokenByALongLine = "int[] a = {\n" + tooLong + "};\n";
        assertEquals("error: line longer than 4096 bytes inside a snippet: it is discarded, and the connection"
                + " closed so that none of its other lines run\n", netcat(target.token() + "\n" + brokenByALongLine));
        assertEquals("null", witness.eval("System.getProperty(\"tail\")"), "no line after the discarded snippet ran");
        assertEquals("3", witness.eval("1+2"));
    }

    private String netcat(String input) throws Exception {
        Process nc = new ProcessBuilder("nc", "-N", "127.0.0.1", String.valueOf(target.port())).start();
        try (var in = nc.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(nc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(nc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "nc finished");
        return out;
    }

    private static String which(String command) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return dir + "/" + command;
            }
        }
        return null;
    }
}
