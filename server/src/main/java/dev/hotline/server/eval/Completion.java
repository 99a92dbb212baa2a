package dev.hotline.server.eval;

import java.util.List;

/**
 * Completion candidates for the code before a cursor.
 *
 * @param anchor where the text the candidates replace starts (0-based, in characters)
 * @param candidates replacements for the text from {@code anchor} to the cursor; those that fit the
 *        expected type come first
 */
public record Completion(int anchor, List<String> candidates) { }
