package dev.hotline.server.channel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hotline.protocol.FrameException;
import dev.hotline.protocol.Sexp;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static EmbeddedChannel channel(int max) {
        return new EmbeddedChannel(new FrameDecoder(max));
    }

    @Test
    void decodesFramesSplitAcrossReadsAndCountsBytes() {
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(Unpooled.copiedBuffer("00000", UTF_8));
        ch.writeInbound(Unpooled.copiedBuffer("4\"λ", UTF_8));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.copiedBuffer("\"000003nil", UTF_8));
        assertEquals("\"λ\"", ch.readInbound());
        assertEquals("nil", ch.readInbound());
    }

    @Test
    void oversizeFrameIsReportedThenSkippedWithoutBuffering() {
        EmbeddedChannel ch = channel(16);
        ch.writeInbound(Unpooled.copiedBuffer("000020", UTF_8));
        FrameException e = ch.readInbound();
        assertEquals(FrameException.Kind.TOO_LONG, e.kind());
        ch.writeInbound(Unpooled.copiedBuffer("x".repeat(20), UTF_8));
        ch.writeInbound(Unpooled.copiedBuffer("x".repeat(12) + "000001t", UTF_8));
        assertEquals("t", ch.readInbound(), "decoding resumes right after the skipped payload");
    }

    @Test
    void badHeaderIsReportedOnceAndTheRestDiscarded() {
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(Unpooled.copiedBuffer("0000g1x000001t", UTF_8));
        FrameException e = ch.readInbound();
        assertEquals(FrameException.Kind.BAD_HEADER, e.kind());
        ch.writeInbound(Unpooled.copiedBuffer("000001t", UTF_8));
        assertNull(ch.readInbound());
    }

    @Test
    void invalidUtf8IsReportedAndDecodingGoesOn() {
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'0', '0', '0', '0', '0', '1', (byte) 0xFF}));
        ch.writeInbound(Unpooled.copiedBuffer("000001t", UTF_8));
        assertEquals(FrameException.Kind.BAD_UTF8, ((FrameException) ch.readInbound()).kind());
        assertEquals("t", ch.readInbound());
    }

    @Test
    void encoderWritesLowerCaseHexOfUtf8Length() {
        EmbeddedChannel ch = new EmbeddedChannel(FrameEncoder.INSTANCE);
        ch.writeOutbound(Sexp.list(Sexp.kw("value"), Sexp.str("é")));
        io.netty.buffer.ByteBuf out = ch.readOutbound();
        assertEquals("00000d(:value \"é\")", out.toString(UTF_8));
        out.release();
    }
}
