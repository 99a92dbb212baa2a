package dev.hotline.protocol;

/**
 * Framing that cannot be trusted: a header that is not six hex digits, a frame longer than allowed, a
 * payload that is not UTF-8 or that ends before its declared length. After a bad header or a truncated
 * frame the stream cannot be resynchronised; after an oversize or non-UTF-8 frame of known length it can.
 */
public final class FrameException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so a decoder can decide whether the connection can go on. */
    public enum Kind {
        BAD_HEADER(false), TOO_LONG(true), BAD_UTF8(true), TRUNCATED(false);

        private final boolean recoverable;

        Kind(boolean recoverable) {
            this.recoverable = recoverable;
        }

        /** True when the frame boundary is known, so later frames can still be read. */
        public boolean recoverable() {
            return recoverable;
        }
    }

    private final Kind kind;

    public FrameException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
