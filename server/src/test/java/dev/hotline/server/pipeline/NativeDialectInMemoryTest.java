package dev.hotline.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The native dialect in memory: every request ends with one reply whose status holds {@code :done}, echoing
 * its id; what is wrong with a request is an error reply and the connection goes on.
 */
class NativeDialectInMemoryTest extends InMemoryServiceTest {
    private static List<Plist> exchange(String... requests) throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            for (String request : requests) {
                c.sendFrame(request);
            }
            c.settle();
            return c.replies();
        }
    }

    @Test
    void evalStreamsOutputThenTheValueThenDone() throws Exception {
        List<Plist> replies = exchange("(:op \"eval\" :id 7 :code \"System.out.println(\\\"hi\\\"); 1+1\")");
        assertEquals("hi\n", replies.get(0).string(Wire.OUT).orElseThrow());
        assertEquals("2", replies.get(1).string(Wire.VALUE).orElseThrow());
        assertEquals("int", replies.get(1).string(Wire.TYPE).orElseThrow());
        assertEquals(List.of(Wire.DONE), replies.get(2).keywords(Wire.STATUS));
        assertEquals(3, replies.size());
        replies.forEach(r -> assertEquals(Sexp.integer(7), r.get(Wire.ID).orElseThrow()));
    }

    @Test
    void anExceptionEndsTheRequestWithAnEvalError() throws Exception {
        Plist reply = exchange("(:op \"eval\" :id 1 :code \"throw new IllegalStateException(\\\"boom\\\")\")").get(0);
        assertEquals(List.of(Wire.ERROR, Wire.EVAL_ERROR, Wire.DONE), reply.keywords(Wire.STATUS));
        assertEquals("java.lang.IllegalStateException: boom", reply.string(Wire.MESSAGE).orElseThrow());
    }

    @Test
    void aCompileErrorNamesItsLineAndColumn() throws Exception {
        Plist reply = exchange("(:op \"eval\" :id 1 :code \"int x = ;\")").get(0);
        assertEquals(List.of(Wire.ERROR, Wire.COMPILE_ERROR, Wire.DONE), reply.keywords(Wire.STATUS));
        assertTrue(reply.string(Wire.MESSAGE).orElseThrow().startsWith("line 1, column"), reply.toString());
    }

    @Test
    void badRequestsGetErrorsAndTheConnectionGoesOn() throws Exception {
        List<Plist> replies = exchange(
                "(:op \"frobnicate\" :id 1)",
                "(:id 2)",
                "(:op \"eval\" :id 3)",
                "(:op",
                "(:op \"eval\" :id 5 :session \"no spaces allowed\" :code \"1\")",
                "(:op \"status\" :id 6)");
        assertEquals(List.of(Wire.ERROR, Wire.UNKNOWN_OP, Wire.DONE), replies.get(0).keywords(Wire.STATUS));
        assertEquals(List.of(Wire.ERROR, Wire.BAD_REQUEST, Wire.DONE), replies.get(1).keywords(Wire.STATUS));
        assertEquals("op eval needs :code", replies.get(2).string(Wire.MESSAGE).orElseThrow());
        assertEquals(List.of(Wire.ERROR, Wire.BAD_REQUEST, Wire.DONE), replies.get(3).keywords(Wire.STATUS));
        assertTrue(replies.get(4).string(Wire.MESSAGE).orElseThrow().startsWith("invalid session name"));
        assertEquals(List.of(Wire.DONE), replies.get(5).keywords(Wire.STATUS));
        assertEquals("mem", replies.get(5).string("service").orElseThrow());
    }

    @Test
    void aClientThatStopsSendingGetsItsAnswersThenTheConnectionCloses() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame("(:op \"eval\" :id 1 :code \"Thread.sleep(300); 6*7\")");
            c.shutdownInput();
            assertTrue(c.isOpen(), "closed while a request was in flight");
            c.settle();
            List<Plist> replies = c.replies();
            assertEquals("42", replies.get(0).string(Wire.VALUE).orElseThrow());
            assertEquals(List.of(Wire.DONE), replies.get(1).keywords(Wire.STATUS));
            assertFalse(c.isOpen());
        }
    }

    @Test
    void interruptWithNothingRunningSaysSo() throws Exception {
        Plist reply = exchange("(:op \"interrupt\" :id 1 :session \"idle-one\")").get(0);
        assertEquals(List.of(Wire.DONE), reply.keywords(Wire.STATUS));
        assertEquals(Sexp.NIL, reply.get("interrupted").orElseThrow());
    }
}
