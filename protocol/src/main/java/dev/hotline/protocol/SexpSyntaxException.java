package dev.hotline.protocol;

/**
 * A payload that is not one well-formed s-expression. Carries the offset (in characters) where reading
 * failed and, like swank's reader errors, an excerpt of the bad packet so the error says what was sent.
 */
public final class SexpSyntaxException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private static final int EXCERPT = 60;

    private final int offset;

    SexpSyntaxException(String problem, String input, int offset) {
        super(problem + " at offset " + offset + " in " + excerpt(input, offset));
        this.offset = offset;
    }

    /** Character offset in the payload where the reader stopped. */
    public int offset() {
        return offset;
    }

    private static String excerpt(String input, int offset) {
        int from = Math.max(0, offset - EXCERPT / 2);
        int to = Math.min(input.length(), from + EXCERPT);
        String piece = input.substring(from, to).replace("\n", "\\n");
        return (from > 0 ? "..." : "") + '"' + piece + '"' + (to < input.length() ? "..." : "");
    }
}
