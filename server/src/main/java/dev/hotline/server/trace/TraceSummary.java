package dev.hotline.server.trace;

/**
 * How a trace ended.
 *
 * @param reason why, in words: {@code 3 calls reached}, {@code 10 seconds passed}, {@code untraced}...
 * @param shown calls reported to the client
 * @param dropped calls not shown because the client read too slowly
 */
public record TraceSummary(String reason, long shown, long dropped) {
}
