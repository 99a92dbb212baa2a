package dev.hotline.server.eval;

import dev.hotline.server.exchange.OutputTarget;
import java.io.OutputStream;
import java.io.PrintStream;
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
 *
 * <p>Output is bounded per request: past {@code maxBytes} since the current target was attached, the rest is
 * dropped and the target gets one note saying so. And it has backpressure: a target whose client reads
 * slowly holds up the snippet's writes ({@link OutputTarget#awaitRoom()}), so nothing piles up in memory.
 */
public final class OutputRouter {
    private final StreamBuffer out = new StreamBuffer(OutputTarget.Stream.OUT);
    private final StreamBuffer err = new StreamBuffer(OutputTarget.Stream.ERR);
    private final PrintStream outStream = new PrintStream(new RouterStream(OutputTarget.Stream.OUT), true,
            StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(new RouterStream(OutputTarget.Stream.ERR), true,
            StandardCharsets.UTF_8);
    private final long maxBytes;
    private volatile OutputTarget target;
    private volatile boolean closed;
    private long accepted;
    private boolean cut;

    /** @param maxBytes output one request may produce; see the class comment */
    public OutputRouter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Sends later output to {@code newTarget}, after flushing what was buffered for the previous one. */
    public void attach(OutputTarget newTarget) {
        flush();
        synchronized (this) {
            this.target = newTarget;
            accepted = 0;
            cut = false;
        }
    }

    /** Stops capturing: from now on this session's threads write to the application's streams. */
    public void close() {
        flush();
        closed = true;
    }

    /**
     * The stream this router's threads print to, one per stream kind, with a lock of its own: a thread held up by
     * a slow client holds up only this session's printing threads.
     */
    PrintStream printStream(OutputTarget.Stream stream) {
        return stream == OutputTarget.Stream.OUT ? outStream : errStream;
    }

    boolean capturing() {
        OutputTarget t = target;
        return !closed && t != null && t.isOpen();
    }

    void write(OutputTarget.Stream stream, byte[] bytes, int offset, int length) {
        int allowed;
        boolean justCut;
        synchronized (this) {
            allowed = (int) Math.max(0, Math.min(length, maxBytes - accepted));
            accepted += allowed;
            justCut = allowed < length && !cut;
            cut |= allowed < length;
        }
        if (allowed > 0) {
            (stream == OutputTarget.Stream.OUT ? out : err).append(bytes, offset, allowed);
        }
        if (justCut) {
            flush();
            deliver(OutputTarget.Stream.ERR, "\n[Hotline cut this output after " + maxBytes
                    + " bytes (agent option max-output); the evaluation goes on]\n");
        }
    }

    private void deliver(OutputTarget.Stream stream, String text) {
        OutputTarget t = target;
        if (t != null && t.isOpen()) {
            t.awaitRoom();
            t.write(stream, text);
        } else {
            OutputCapture.original(stream).print(text);
        }
    }

    void flush(OutputTarget.Stream stream) {
        (stream == OutputTarget.Stream.OUT ? out : err).flush();
    }

    /** Delivers everything buffered so far on both streams. */
    public void flush() {
        out.flush();
        err.flush();
    }

    /** The bytes of one of this router's streams, into its buffer. */
    private final class RouterStream extends OutputStream {
        private final OutputTarget.Stream stream;

        RouterStream(OutputTarget.Stream stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            OutputRouter.this.write(stream, b, off, len);
        }

        @Override
        public void flush() {
            OutputRouter.this.flush(stream);
        }
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
            deliver(stream, chars.toString());
        }
    }
}
