package dev.hotline.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a blocking stream: the client side of the wire. The server side is a Netty decoder
 * built on the same {@link Frames} rules.
 */
public final class FrameReader {
    private final InputStream in;
    private final int maxPayload;

    public FrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /**
     * Reads the next payload.
     *
     * @return the payload, or {@code null} when the stream ended cleanly between frames
     * @throws FrameException for a bad header, an oversize or truncated frame, or invalid UTF-8
     */
    public String read() throws IOException {
        byte[] header = new byte[Frames.HEADER_LENGTH];
        int got = in.readNBytes(header, 0, header.length);
        if (got == 0) {
            return null;
        }
        if (got < header.length) {
            throw new FrameException(FrameException.Kind.TRUNCATED, "stream ended inside a frame header");
        }
        int length = Frames.parseHeader(header);
        if (length > maxPayload) {
            throw Frames.tooLong(length, maxPayload);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new FrameException(FrameException.Kind.TRUNCATED,
                    "stream ended after " + body.length + " of " + length + " payload bytes");
        }
        return Frames.decodeUtf8(body);
    }

    /** Reads the next payload as an s-expression; end of stream is an {@link EOFException}. */
    public Sexp readSexp() throws IOException {
        String payload = read();
        if (payload == null) {
            throw new EOFException("connection closed by the server");
        }
        return SexpReader.DEFAULT.read(payload);
    }
}
