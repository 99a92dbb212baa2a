package dev.hotline.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.service.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dialect detection and authentication, in memory: the first bytes choose line mode or frames, the first
 * message must be the token, and a refusal closes the connection without reading anything further.
 */
class PipelineInMemoryTest extends InMemoryServiceTest {
    @Test
    void aTokenLineThenJavaIsLineMode() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendBytes(c.token() + "\n1+1\n");
            c.settle();
            assertEquals("2\n", c.text());
            assertTrue(c.isOpen());
        }
    }

    @Test
    void aWrongTokenLineIsRefusedAndNothingAfterItRuns() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendBytes("hl_not-the-token\nSystem.setProperty(\"hotline.mem.ran\", \"yes\")\n");
            c.settle();
            assertEquals("error: authentication failed: the first line must be one of the service's tokens\n", c.text());
            assertFalse(c.isOpen());
            assertEquals(null, System.getProperty("hotline.mem.ran"));
        }
    }

    @Test
    void aTokenFrameThenAPlistIsTheNativeDialect() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame("(:op \"describe\" :id 1)");
            Plist reply = c.replies().get(0);
            assertEquals(List.of(Wire.DONE), reply.keywords(Wire.STATUS));
            assertTrue(reply.has("ops"));
            assertEquals(Sexp.integer(1), reply.get(Wire.ID).orElseThrow());
        }
    }

    @Test
    void aWrongTokenFrameGetsAnAuthErrorAndAClosedConnection() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendFrame("hl_wrong");
            Plist reply = c.replies().get(0);
            assertEquals(List.of(Wire.ERROR, Wire.AUTH_FAILED, Wire.DONE), reply.keywords(Wire.STATUS));
            assertFalse(c.isOpen());
        }
    }

    @Test
    void slimeWithoutASecretGetsItsRequestAbortedWithTheReason() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendFrame("(:emacs-rex (swank:connection-info) nil t 1)");
            Sexp.Lst reply = (Sexp.Lst) c.frames().get(0);
            assertEquals(Sexp.kw("return"), reply.get(0));
            assertTrue(reply.get(1).print().contains("slime-secret"), reply.print());
            assertEquals(Sexp.integer(1), reply.get(2));
            assertFalse(c.isOpen());
        }
    }

    @Test
    void aHeaderAnnouncingMoreThanMaxFrameIsTakenForALine() throws Exception {
        Service small = InMemoryConnection.service(runDir.resolve("small"), Map.of("auth", "none", "max-frame", String.valueOf(MAX_FRAME)));
        try (InMemoryConnection c = new InMemoryConnection(small)) {
            c.sendBytes("0fffff\n");
            c.sendBytes("40+2\n");
            c.settle();
            assertTrue(c.text().endsWith("42\n"), c.text());
        } finally {
            small.sessions().close();
        }
    }
}
