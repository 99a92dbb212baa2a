package dev.hotline.server.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.FrameException;
import dev.hotline.protocol.Frames;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the server's frame decoder, as bytes arrive from the network: in chunks of any size.
 * Well-formed frames split anywhere come out whole and in order; any byte stream gives only payloads and
 * typed {@link FrameException}s, never an exception in the pipeline. {@value #DEFAULT_INPUTS} streams per
 * build; the dedicated run: {@code mvn -pl server test -Dtest=FrameDecoderFuzzTest -Dhotline.fuzz.inputs=1000000}.
 */
class FrameDecoderFuzzTest {
    private static final int DEFAULT_INPUTS = 20_000;
    private static final int MAX_PAYLOAD = 512;

    private final int inputs = Integer.getInteger("hotline.fuzz.inputs", DEFAULT_INPUTS);

    @Test
    void wellFormedFramesSplitAnywhereComeOutWholeAndInOrder() {
        Random random = new Random(42);
        for (int i = 0; i < inputs; i++) {
            List<String> sent = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int n = random.nextInt(5); n >= 0; n--) {
                String payload = randomText(random, random.nextInt(MAX_PAYLOAD / 4));
                sent.add(payload);
                stream.writeBytes(Frames.encode(payload));
            }
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_PAYLOAD));
            feedInChunks(channel, stream.toByteArray(), random);
            List<Object> received = drain(channel);
            assertEquals(sent, received, "stream " + i);
        }
    }

    @Test
    void anyByteStreamGivesOnlyPayloadsAndTypedErrors() {
        Random random = new Random(7);
        long payloads = 0;
        long errors = 0;
        for (int i = 0; i < inputs; i++) {
            byte[] noise = new byte[random.nextInt(2 * MAX_PAYLOAD)];
            random.nextBytes(noise);
            if (random.nextBoolean() && noise.length >= 6) {
                byte[] header = String.format("%06x", random.nextInt(2 * MAX_PAYLOAD)).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(header, 0, noise, 0, 6);
            }
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_PAYLOAD));
            feedInChunks(channel, noise, random);
            channel.finish();
            for (Object out : drain(channel)) {
                assertTrue(out instanceof String || out instanceof FrameException, "stream " + i + ": " + out);
                if (out instanceof String) {
                    payloads++;
                } else {
                    errors++;
                }
            }
            channel.checkException();
        }
        System.out.printf("fuzz frame decoder: %d random streams, %d payloads, %d typed frame errors, 0 crashes%n",
                inputs, payloads, errors);
    }

    private static void feedInChunks(EmbeddedChannel channel, byte[] bytes, Random random) {
        int at = 0;
        while (at < bytes.length) {
            int n = 1 + random.nextInt(Math.min(64, bytes.length - at));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
        }
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add(o);
        }
        return out;
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(10) == 0 ? 'λ' : (char) (' ' + random.nextInt(95)));
        }
        return sb.toString();
    }
}
