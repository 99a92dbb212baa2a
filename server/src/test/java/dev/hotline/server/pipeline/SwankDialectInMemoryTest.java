package dev.hotline.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Sexp;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The Swank dialect in memory, with the messages SLIME 2.27 sends (see shared/research/slime-wire.md). */
class SwankDialectInMemoryTest extends InMemoryServiceTest {
    private static List<String> slime(String... messages) throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            for (String message : messages) {
                c.sendFrame(message);
            }
            c.settle();
            return c.frames().stream().map(Sexp::print).toList();
        }
    }

    @Test
    void connectionInfoTellsThePidAndTheVersion() throws Exception {
        String reply = slime("(:emacs-rex (swank:connection-info) \"COMMON-LISP-USER\" t 1)").get(0);
        assertTrue(reply.startsWith("(:return (:ok (:pid " + ProcessHandle.current().pid()), reply);
        assertTrue(reply.contains(":version \"2.27\""), reply);
        assertTrue(reply.endsWith(" 1)"), reply);
    }

    @Test
    void theReplShowsOutputAndValuesThenReturnsNil() throws Exception {
        List<String> replies = slime("(:emacs-rex (swank-repl:create-repl nil :coding-system \"utf-8-unix\") \"COMMON-LISP-USER\" t 1)",
                "(:emacs-rex (swank-repl:listener-eval \"System.out.print(\\\"x\\\"); 1+2\\n\") \"main\" :repl-thread 2)");
        assertEquals("(:return (:ok (\"main\" \"mem\")) 1)", replies.get(0));
        assertEquals("(:write-string \"x\")", replies.get(1));
        assertEquals("(:write-string \"3\n\" :repl-result)", replies.get(2));
        assertEquals("(:return (:ok nil) 2)", replies.get(3));
    }

    @Test
    void interactiveEvalWithoutAReplReturnsOutputAndValueInTheAnswer() throws Exception {
        String reply = slime("(:emacs-rex (swank:interactive-eval \"System.out.print(\\\"y\\\"); 6*7\") nil t 3)").get(0);
        assertEquals("(:return (:ok \"y=> 42\") 3)", reply);
    }

    @Test
    void anExceptionOpensTheDebuggerAndAbortLeavesIt() throws Exception {
        List<String> replies;
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame("(:emacs-rex (swank:interactive-eval \"throw new RuntimeException(\\\"boom\\\")\") nil t 4)");
            c.settle(); // the debugger is open before the user can press a
            c.sendFrame("(:emacs-rex (swank:sldb-abort) nil 1 5)");
            replies = c.frames().stream().map(Sexp::print).toList();
        }
        assertTrue(replies.get(0).startsWith("(:debug 1 1 (\"java.lang.RuntimeException: boom\""), replies.get(0));
        assertEquals("(:debug-activate 1 1 nil)", replies.get(1));
        assertEquals("(:return (:abort nil) 5)", replies.get(2));
        assertEquals("(:debug-return 1 1 nil)", replies.get(3));
        assertEquals("(:return (:abort \"java.lang.RuntimeException: boom\") 4)", replies.get(4));
    }

    @Test
    void anInterruptThatArrivesWhileTheEvaluationWaitsItsTurnStillStopsIt() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            CountDownLatch busy = new CountDownLatch(1);
            service.sessions().named("main").submit(evaluation -> awaitQuietly(busy)); // other work holds the worker
            c.sendFrame("(:emacs-rex (swank-repl:listener-eval \"while (true) { }\\n\") \"main\" :repl-thread 9)");
            c.sendFrame("(:emacs-interrupt :repl-thread)");
            busy.countDown();
            c.settle();
            assertEquals(List.of("(:return (:abort \"interrupted\") 9)"), c.frames().stream().map(Sexp::print).toList());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUnknownRpcIsAbortedAndTheConnectionGoesOn() throws Exception {
        List<String> replies = slime("(:emacs-rex (swank:frobnicate 1 2) nil t 6)", "(:emacs-rex (swank:frob",
                "(:emacs-rex (swank:swank-require '(swank-repl)) nil t 7)");
        assertEquals("(:return (:abort \"not supported: frobnicate\") 6)", replies.get(0));
        assertTrue(replies.get(1).startsWith("(:background-message \"Hotline could not read a message"), replies.get(1));
        assertEquals("(:return (:ok nil) 7)", replies.get(2));
    }
}
