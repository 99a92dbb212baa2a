package dev.hotline.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The frame format shared by Hotline's native dialect and Swank: six hex digits giving the payload's
 * length <em>in bytes</em>, then the payload in UTF-8.
 *
 * <p>Example: the payload {@code (:op :eval :code "1+1")} is 23 bytes, so the frame is the ASCII bytes
 * {@code 000017(:op :eval :code "1+1")}. A payload {@code "λ"} is 4 bytes ({@code λ} is two), framed as
 * {@code 000004"λ"}. Headers are written in lower case (as Emacs does) and read in either case (swank
 * writes upper case). The largest length the header can express is {@value #MAX_ENCODABLE}.
 */
public final class Frames {

    /** Length of the header in bytes. */
    public static final int HEADER_LENGTH = 6;

    /** 0xFFFFFF: the largest payload six hex digits can announce. */
    public static final int MAX_ENCODABLE = 0xFFFFFF;

    /** Default limit on payload size: 1 MiB, far above any request a person or an editor sends. */
    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;

    private Frames() {
    }

    /** Encodes one payload as header plus UTF-8 bytes. */
    public static byte[] encode(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_ENCODABLE) {
            throw new IllegalArgumentException("payload of " + body.length + " bytes exceeds the frame format's "
                    + MAX_ENCODABLE);
        }
        byte[] frame = new byte[HEADER_LENGTH + body.length];
        writeHeader(body.length, frame);
        System.arraycopy(body, 0, frame, HEADER_LENGTH, body.length);
        return frame;
    }

    /** Writes the six-digit lower-case hex header for {@code length} into the first six bytes of {@code dst}. */
    public static void writeHeader(int length, byte[] dst) {
        for (int i = HEADER_LENGTH - 1, v = length; i >= 0; i--, v >>>= 4) {
            dst[i] = (byte) Character.forDigit(v & 0xF, 16);
        }
    }

    /**
     * Parses a header.
     *
     * @param header six bytes
     * @return the payload length it announces
     * @throws FrameException of kind {@link FrameException.Kind#BAD_HEADER} if a byte is not a hex digit
     */
    public static int parseHeader(byte[] header) throws FrameException {
        int length = 0;
        for (int i = 0; i < HEADER_LENGTH; i++) {
            int digit = hexValue(header[i]);
            if (digit < 0) {
                throw new FrameException(FrameException.Kind.BAD_HEADER,
                        "frame header must be 6 hex digits, byte " + i + " is 0x"
                                + Integer.toHexString(header[i] & 0xFF));
            }
            length = length << 4 | digit;
        }
        return length;
    }

    /** The value of an ASCII hex digit, or -1. */
    public static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Decodes a payload strictly: malformed UTF-8 is an error, never silently replaced. */
    public static String decodeUtf8(byte[] bytes) throws FrameException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FrameException(FrameException.Kind.BAD_UTF8, "frame payload is not valid UTF-8");
        }
    }

    /** The error for a declared length above the receiver's limit. */
    public static FrameException tooLong(int length, int maxPayload) {
        return new FrameException(FrameException.Kind.TOO_LONG,
                "frame of " + length + " bytes exceeds the limit of " + maxPayload + " bytes");
    }
}
