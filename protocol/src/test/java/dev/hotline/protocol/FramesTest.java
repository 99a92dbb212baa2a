package dev.hotline.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void headerCountsUtf8BytesNotCharacters() {
        // From slime-wire.md: this request is 86 bytes but 84 characters, header 000056.
        String payload = "(:emacs-rex (swank-repl:listener-eval \"\\\"λé\\\"\n\") \"COMMON-LISP-USER\" :repl-thread 5)\n";
        assertEquals(86, payload.getBytes(UTF_8).length);
        byte[] frame = Frames.encode(payload);
        assertEquals("000056", new String(frame, 0, 6, UTF_8));
        // and swank's reply (:write-string "\"λé\"" :repl-result) is 39 bytes.
        assertEquals("000027", new String(Frames.encode("(:write-string \"\\\"λé\\\"\" :repl-result)"), 0, 6, UTF_8));
    }

    @Test
    void parsesUpperAndLowerCaseHeaders() throws Exception {
        assertEquals(0x3BC, Frames.parseHeader("0003BC".getBytes(UTF_8)));
        assertEquals(0xea, Frames.parseHeader("0000ea".getBytes(UTF_8)));
        assertThrows(FrameException.class, () -> Frames.parseHeader("00 0ea".getBytes(UTF_8)));
        assertThrows(FrameException.class, () -> Frames.parseHeader("+00001".getBytes(UTF_8)));
    }

    @Test
    void readerReadsConsecutiveFramesAndCleanEof() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Frames.encode("(:a 1)"));
        out.write(Frames.encode("\"λ\""));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()), 1024);
        assertEquals("(:a 1)", reader.read());
        assertEquals("\"λ\"", reader.read());
        assertNull(reader.read());
    }

    @Test
    void readerReportsEachKindOfBadFrame() {
        assertKind(FrameException.Kind.TRUNCATED, "00000a(:a".getBytes(UTF_8), 1024);
        assertKind(FrameException.Kind.TRUNCATED, "000".getBytes(UTF_8), 1024);
        assertKind(FrameException.Kind.BAD_HEADER, "zzzzzz(:a 1)".getBytes(UTF_8), 1024);
        assertKind(FrameException.Kind.TOO_LONG, "000400".getBytes(UTF_8), 1000);
        byte[] badUtf8 = {'0', '0', '0', '0', '0', '2', (byte) 0xC3, (byte) 0x28};
        assertKind(FrameException.Kind.BAD_UTF8, badUtf8, 1024);
    }

    @Test
    void encodeWritesHeaderThenPayload() {
        assertArrayEquals("000004\"λ\"".getBytes(UTF_8), Frames.encode("\"λ\""));
    }

    private static void assertKind(FrameException.Kind kind, byte[] bytes, int max) {
        FrameException e = assertThrows(FrameException.class,
                () -> new FrameReader(new ByteArrayInputStream(bytes), max).read());
        assertEquals(kind, e.kind(), e.getMessage());
    }
}
