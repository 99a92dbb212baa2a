package dev.hotline.server.eval;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One session's captured output. Bytes that snippet threads write are decoded as UTF-8 (a character split
 * across writes is kept until its last byte arrives) and handed to the current {@link OutputTarget} on
 * each flush, so a {@code println} arrives as one piece. When there is no open target, or the session is
 * closed, the bytes go to the application's original stream instead: nothing is silently dropped.
 */
public final class OutputRouter {
    private final StreamBuffer out = new StreamBuffer(OutputTarget.Stream.OUT);
    private final StreamBuffer err = new StreamBuffer(OutputTarget.Stream.ERR);
    private volatile OutputTarget target;
    private volatile boolean closed;

    /** Sends later output to {@code newTarget}, after flushing what was buffered for the previous one. */
    public void attach(OutputTarget newTarget) {
        flush();
        this.target = newTarget;
    }

    /** Stops capturing: from now on this session's threads write to the application's streams. */
    public void close() {
        flush();
        closed = true;
    }

    boolean capturing() {
        OutputTarget t = target;
        return !closed && t != null && t.isOpen();
    }

    void write(OutputTarget.Stream stream, byte[] bytes, int offset, int length) {
        (stream == OutputTarget.Stream.OUT ? out : err).append(bytes, offset, length);
    }

    void flush(OutputTarget.Stream stream) {
        (stream == OutputTarget.Stream.OUT ? out : err).flush();
    }

    /** Delivers everything buffered so far on both streams. */
    public void flush() {
        out.flush();
        err.flush();
    }

    private final class StreamBuffer {
        private static final int FLUSH_AT = 8192;
        private final OutputTarget.Stream stream;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer bytes = ByteBuffer.allocate(FLUSH_AT);

        StreamBuffer(OutputTarget.Stream stream) {
            this.stream = stream;
        }

        synchronized void append(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, bytes.remaining());
                bytes.put(b, off, n);
                off += n;
                len -= n;
                if (!bytes.hasRemaining()) {
                    flush();
                }
            }
        }

        synchronized void flush() {
            if (bytes.position() == 0) {
                return;
            }
            bytes.flip();
            CharBuffer chars = CharBuffer.allocate(bytes.remaining());
            decoder.decode(bytes, chars, false);
            bytes.compact(); // keeps an incomplete trailing character for the next flush
            chars.flip();
            if (!chars.hasRemaining()) {
                return;
            }
            OutputTarget t = target;
            if (t != null && t.isOpen()) {
                t.write(stream, chars.toString());
            } else {
                OutputCapture.original(stream).print(chars);
            }
        }
    }
}
