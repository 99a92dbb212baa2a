package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.SexpReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Swank dialect byte for byte, with the frames SLIME 2.27 sends (from the capture in slime-wire.md:
 * lower-case hex headers counting UTF-8 bytes, a newline after every payload, quoted arguments) and the
 * replies Emacs' reader must accept. The greeter runs with auth off here, the way SLIME connects without
 * {@code ~/.slime-secret}; SlimeTest drives real Emacs with the secret.
 */
class SwankWireTest {
    @TempDir
    static Path work;
    private static TargetJvm target;

    @BeforeAll
    static void startGreeter() throws Exception {
        target = TargetJvm.start(Jdk.build(), work.resolve("run"), "greeter", "auth=none", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService", "--port-file", work.resolve("http.port").toString());
    }

    @AfterAll
    static void stopGreeter() {
        target.close();
    }

    /** A SLIME-like connection: frames as Emacs writes them, replies read as s-expressions. */
    private static final class Emacs implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;
        private int lastLength;

        Emacs() throws IOException {
            socket = new Socket("127.0.0.1", target.port());
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        /** Sends {@code payload} the way slime-net-send does: "%06x" byte length, payload, newline. */
        void send(String payload) throws IOException {
            byte[] bytes = (payload + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(String.format(Locale.ROOT, "%06x", bytes.length).getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }

        /** The next message's payload, read as slime-net-read does: six hex digits of byte length, then the bytes. */
        String next() throws IOException {
            byte[] header = new byte[6];
            in.readFully(header);
            lastLength = Integer.parseInt(new String(header, StandardCharsets.US_ASCII), 16);
            byte[] payload = new byte[lastLength];
            in.readFully(payload);
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The byte length announced by the last message's header. */
        int lastLength() {
            return lastLength;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void connectSequenceOfSlimeFancy() throws Exception {
        try (Emacs emacs = new Emacs()) {
            emacs.send("(:emacs-rex (swank:connection-info) \"COMMON-LISP-USER\" t 1)");
            Sexp.Lst reply = (Sexp.Lst) SexpReader.DEFAULT.read(emacs.next());
            assertEquals(Sexp.kw("return"), reply.get(0));
            assertEquals(Sexp.integer(1), reply.get(2));
            Plist info = Plist.from(((Sexp.Lst) reply.get(1)).get(1));
            assertEquals(Sexp.kw("spawn"), info.get("style").orElseThrow());
            assertEquals("2.27", info.string("version").orElseThrow());
            assertEquals(target.pid(), info.integer("pid").orElseThrow());
            // SLIME destructures these without &allow-other-keys: exactly these keys, in any order.
            assertKeys(info.get("lisp-implementation").orElseThrow(), "type", "name", "version", "program");
            assertKeys(info.get("machine").orElseThrow(), "instance", "type", "version");
            assertKeys(info.get("encoding").orElseThrow(), "coding-systems");
            assertEquals("greeter", Plist.from(info.get("lisp-implementation").orElseThrow()).string("name").orElseThrow());

            emacs.send("(:emacs-rex (swank:swank-require '(swank-asdf swank-indentation swank-trace-dialog swank-package-fu"
                    + " swank-presentations swank-macrostep swank-fuzzy swank-fancy-inspector swank-c-p-c swank-arglists"
                    + " swank-repl)) \"COMMON-LISP-USER\" t 2)");
            emacs.send("(:emacs-rex (swank:init-presentations) \"COMMON-LISP-USER\" t 3)");
            assertEquals("(:return (:ok nil) 2)", emacs.next());
            assertEquals("(:return (:ok nil) 3)", emacs.next());
            emacs.send("(:emacs-rex (swank-repl:create-repl nil :coding-system \"utf-8-unix\") \"COMMON-LISP-USER\" t 4)");
            assertEquals("(:return (:ok (\"main\" \"greeter\")) 4)", emacs.next());

            emacs.send("(:emacs-rex (swank-repl:listener-eval \"1+1\n\") \"main\" :repl-thread 5)");
            assertEquals("(:write-string \"2\n\" :repl-result)", emacs.next());
            assertEquals("(:return (:ok nil) 5)", emacs.next());

            // The request is 86 bytes for 84 characters (slime-wire.md); the value's reply counts bytes too.
            emacs.send("(:emacs-rex (swank-repl:listener-eval \"\\\"λé\\\"\n\") \"main\" :repl-thread 6)");
            assertEquals("(:write-string \"\\\"λé\\\"\n\" :repl-result)", emacs.next());
            assertEquals(40, emacs.lastLength(), "40 UTF-8 bytes for 38 characters");
            assertEquals("(:return (:ok nil) 6)", emacs.next());
        }
    }

    @Test
    void outputStreamsBeforeTheReturnAndInteractiveEvalAnswersOneLine() throws Exception {
        try (Emacs emacs = new Emacs()) {
            emacs.send("(:emacs-rex (swank-repl:create-repl nil :coding-system \"utf-8-unix\") nil t 1)");
            emacs.next();
            emacs.send("(:emacs-rex (swank-repl:listener-eval \"System.out.println(\\\"out from eval\\\")\n\") \"main\" :repl-thread 2)");
            assertEquals("(:write-string \"out from eval\n\")", emacs.next());
            assertEquals("(:return (:ok nil) 2)", emacs.next());
            emacs.send("(:emacs-rex (swank:interactive-eval \"6*7\") \"COMMON-LISP-USER\" t 3)");
            assertEquals("(:return (:ok \"=> 42\") 3)", emacs.next());
            emacs.send("(:emacs-rex (swank:interactive-eval \"int unused = 0; unused++;\") \"COMMON-LISP-USER\" t 4)");
            assertEquals("(:return (:ok \"=> unused ==> 0, 0\") 4)", emacs.next());
            emacs.send("(:emacs-rex (swank:eval-and-grab-output \"System.out.print(\\\"x\\\"); 1+2\") nil t 5)");
            assertEquals("(:return (:ok (\"x\" \"3\")) 5)", emacs.next());
        }
    }

    @Test
    void completionsWithQuotedPackageAndAutodocWithTheCursorMarker() throws Exception {
        try (Emacs emacs = new Emacs()) {
            emacs.send("(:emacs-rex (swank:simple-completions \"dev.hotline.samples.greeter.Gree\" '\"COMMON-LISP-USER\")"
                    + " \"COMMON-LISP-USER\" t 11)");
            String completions = emacs.next();
            assertTrue(completions.startsWith("(:return (:ok ((\"dev.hotline.samples.greeter.Greeter\""), completions);
            // a limit that a loaded machine cannot reach: this checks the answer, not its speed
            emacs.send("(:emacs-rex (swank:fuzzy-completions \"Math.ma\" \"COMMON-LISP-USER\" :limit 300"
                    + " :time-limit-in-msec 60000) \"COMMON-LISP-USER\" t 12)");
            String fuzzy = emacs.next();
            assertTrue(fuzzy.contains("(\"Math.max(\" \"") && fuzzy.contains("((0 \"Math.ma\")) \"--------\")"), fuzzy);
            emacs.send("(:emacs-rex (swank:autodoc '(\"Math.max\" \"1\" swank::%cursor-marker%) :print-right-margin 80)"
                    + " \"COMMON-LISP-USER\" t 15)");
            String autodoc = emacs.next();
            assertTrue(autodoc.matches("\\(:return \\(:ok \\(\".*max\\(.*\" t\\)\\) 15\\)"), autodoc);
            emacs.send("(:emacs-rex (swank:autodoc '(\"format\" \"nil\" swank::%cursor-marker%) :print-right-margin 80)"
                    + " \"COMMON-LISP-USER\" t 16)");
            assertEquals("(:return (:ok (:not-available t)) 16)", emacs.next());
        }
    }

    @Test
    void aLookupThatArrivesDuringAnotherLookupWaitsForItInsteadOfAnsweringNothing() throws Exception {
        try (Emacs emacs = new Emacs()) {
            for (int id = 40; id < 60; id += 2) {
                // what slime-fancy does: autodoc fires on an idle timer while the user asks for a completion
                emacs.send("(:emacs-rex (swank:describe-symbol \"Math.max\") \"main\" t " + id + ")");
                emacs.send("(:emacs-rex (swank:fuzzy-completions \"Math.ma\" \"main\" :limit 300"
                        + " :time-limit-in-msec 60000) \"main\" t " + (id + 1) + ")");
                String first = emacs.next();
                String second = emacs.next();
                String fuzzy = first.endsWith(" " + (id + 1) + ")") ? first : second;
                assertTrue(fuzzy.contains("(\"Math.max(\" \""), "a lookup is not an evaluation: " + fuzzy);
            }
        }
    }

    @Test
    void lookupsWhileTheSessionEvaluatesAnswerNothingInsteadOfWaiting() throws Exception {
        try (Emacs emacs = new Emacs()) {
            emacs.send("(:emacs-rex (swank-repl:listener-eval \"Thread.sleep(6000)\n\") \"main\" :repl-thread 30)");
            // no time limit sent: SLIME's default, 1.5 s, applies, whether or not the sleep has begun
            emacs.send("(:emacs-rex (swank:fuzzy-completions \"Math.ma\" \"main\" :limit 300) \"main\" t 31)");
            assertEquals("(:return (:ok (nil t)) 31)", emacs.next(), "no rows, timed out");
            emacs.send("(:emacs-rex (swank:autodoc '(\"Math.max\" swank::%cursor-marker%)) \"main\" t 32)");
            assertEquals("(:return (:ok (:not-available t)) 32)", emacs.next());
            String reply;
            do {
                reply = emacs.next();
            } while (!reply.startsWith("(:return"));
            assertTrue(reply.endsWith(" 30)"), reply);
        }
    }

    @Test
    void anExceptionOpensTheDebuggerAndAbortingItAbortsTheEvaluation() throws Exception {
        try (Emacs emacs = new Emacs()) {
            emacs.send("(:emacs-rex (swank-repl:listener-eval \"throw new IllegalStateException(\\\"boom\\\")\n\")"
                    + " \"main\" :repl-thread 18)");
            String debug = emacs.next();
            assertTrue(debug.startsWith("(:debug 1 1 (\"java.lang.IllegalStateException: boom\" \"   [Java exception of type"
                    + " java.lang.IllegalStateException]\" nil) ((\"*ABORT\" \"Return to SLIME's top level.\")) ((0 \""), debug);
            assertTrue(debug.endsWith(" (18))"), debug);
            assertEquals("(:debug-activate 1 1 nil)", emacs.next());
            emacs.send("(:emacs-rex (swank:backtrace 0 1) \"main\" 1 19)");
            assertTrue(emacs.next().matches("\\(:return \\(:ok \\(\\(0 \"[^\"]+\"\\)\\)\\) 19\\)"));
            emacs.send("(:emacs-rex (swank:sldb-abort) \"main\" 1 20)");
            assertEquals("(:return (:abort nil) 20)", emacs.next());
            assertEquals("(:debug-return 1 1 nil)", emacs.next());
            assertEquals("(:return (:abort \"java.lang.IllegalStateException: boom\") 18)", emacs.next());
        }
    }

    @Test
    void emacsInterruptOpensTheDebuggerWhereTheLoopRunsContinueLetsItRunAbortStopsIt() throws Exception {
        try (Emacs emacs = new Emacs()) {
            emacs.send("(:emacs-rex (swank-repl:listener-eval \"while (true) { }\n\") \"main\" :repl-thread 173)");
            Thread.sleep(500);
            emacs.send("(:emacs-interrupt :repl-thread)");
            String debug = emacs.next();
            assertTrue(debug.startsWith("(:debug 1 1 (\"Interrupted: the evaluation was here, and runs on\" \"   [thread "),
                    debug);
            assertTrue(debug.contains(" ((\"*ABORT\" \"Stop the evaluation and return to SLIME's top level.\")"
                    + " (\"CONTINUE\" \"Let the evaluation run on.\")) ((0 \""), debug);
            assertTrue(debug.matches("(?s).*\\(\\d+ \"[^\"]*do_it\\$[^\"]*\"\\)\\) \\(173\\)\\)"),
                    "the innermost snippet frame ends the backtrace: " + debug);
            assertEquals("(:debug-activate 1 1 nil)", emacs.next());
            emacs.send("(:emacs-rex (swank:invoke-nth-restart-for-emacs 1 1) \"main\" 1 174)");
            assertEquals("(:return (:abort nil) 174)", emacs.next());
            assertEquals("(:debug-return 1 1 nil)", emacs.next());

            emacs.send("(:emacs-interrupt :repl-thread)");
            assertTrue(emacs.next().startsWith("(:debug 1 1 (\"Interrupted:"), "the loop ran on, and is there again");
            assertEquals("(:debug-activate 1 1 nil)", emacs.next());
            emacs.send("(:emacs-rex (swank:invoke-nth-restart-for-emacs 1 0) \"main\" 1 175)");
            assertEquals("(:return (:abort nil) 175)", emacs.next());
            assertEquals("(:debug-return 1 1 nil)", emacs.next());
            assertEquals("(:return (:abort \"interrupted\") 173)", emacs.next());
            emacs.send("(:emacs-rex (swank:interactive-eval \"1+1\") \"main\" t 176)");
            assertEquals("(:return (:ok \"=> 2\") 176)", emacs.next());
        }
    }

    @Test
    void unknownRpcsAndUnreadableMessagesLeaveTheConnectionUsable() throws Exception {
        try (Emacs emacs = new Emacs()) {
            emacs.send("(:emacs-rex (swank:frobnicate 1 2) \"COMMON-LISP-USER\" t 7)");
            assertEquals("(:return (:abort \"not supported: frobnicate\") 7)", emacs.next());
            emacs.send("(:emacs-rex (swank:interactive-eval #<unreadable>) nil t 8)");
            assertTrue(emacs.next().startsWith("(:background-message \"Hotline could not read a message"));
            emacs.send("(:emacs-rex (swank:quit-lisp) \"COMMON-LISP-USER\" t 13)");
            assertEquals("(:return (:abort nil) 13)", emacs.next());
            assertEquals(-1, emacs.socket.getInputStream().read(), "quit-lisp closes the connection");
        }
        assertTrue(target.isAlive(), "quit-lisp does not stop the service by default");
    }

    private static void assertKeys(Sexp plist, String... keys) throws Exception {
        assertEquals(List.of(keys), Plist.from(plist).asMap().keySet().stream().toList(), plist.print());
    }
}
