package dev.hotline.server.eval;

/**
 * One live declaration or expression of a session, as {@code /list}, {@code /vars}, {@code /methods},
 * {@code /types} and {@code /imports} show it.
 *
 * @param id JShell's snippet id ({@code 3}, or {@code s1} for start-up snippets)
 * @param kind {@code import}, {@code class}, {@code method}, {@code variable}, {@code expression} or {@code statement}
 * @param name the declared name, empty for expressions and statements
 * @param summary a one-line description: {@code int twice(int)}, {@code int base = 20}, {@code class Foo}
 * @param source the snippet's source
 */
public record SnippetInfo(String id, String kind, String name, String summary, String source) { }
