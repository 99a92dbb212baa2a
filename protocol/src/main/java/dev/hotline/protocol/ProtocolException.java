package dev.hotline.protocol;

import java.io.IOException;

/**
 * Something that came off the wire is not valid Hotline protocol. The family is small and typed, after
 * Netty's {@code DecoderException}: {@link SexpSyntaxException} for a payload that does not read,
 * {@link FrameException} for framing that cannot be trusted.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
