package dev.hotline.server.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The Java snippet that ends where some code ends: what an editor's "evaluate before point" ({@code C-x C-e})
 * means in Java, found with JShell's completeness analysis and javac's parser rather than by reading Lisp.
 *
 * <ul>
 *   <li>After {@code ;} or {@code }}, it is the whole statement or declaration: in {@code int n = count();}
 *       that is the declaration, in {@code if (a) { b(); }} the {@code if}, after a method's closing brace the
 *       method.</li>
 *   <li>Elsewhere it is the expression: the longest one that ends there without crossing a {@code ;}, a brace, a
 *       {@code ,}, an assignment or a bracket it is inside of. In {@code String s = Greeter.template} that is
 *       {@code Greeter.template}; in {@code return a + b} it is {@code a + b}; in {@code f(x, y.z()} it is {@code
 *       y.z()}.</li>
 * </ul>
 *
 * <p>Candidates start where a token starts; string and character literals and comments are skipped, so a
 * {@code ;} inside a string is no boundary. JShell says which candidates are one complete snippet, javac's parser
 * which of those are expressions. The code should start outside of a literal or comment.
 */
public final class PrecedingSnippet {
    /** How far back to look: a method of a few hundred lines. */
    static final int MAX_LENGTH = 20_000;

    private PrecedingSnippet() {
    }

    /**
     * Where the snippet that ends at the end of {@code code} (trailing white space aside) starts.
     *
     * @return its offset in {@code code}, or empty when no complete expression or statement ends there
     */
    public static OptionalInt start(SourceCodeAnalysis analysis, String code) {
        int end = code.stripTrailing().length();
        if (end == 0) {
            return OptionalInt.empty();
        }
        int from = Math.max(0, end - MAX_LENGTH);
        boolean[] literal = literalsAndComments(code, end);
        char last = code.charAt(end - 1);
        boolean statement = !literal[end - 1] && (last == ';' || last == '}');
        List<Integer> candidates = new ArrayList<>(); // nearest first
        int depth = 0;
        for (int i = end - 1; i >= from; i--) {
            char c = code.charAt(i);
            boolean ours = i == end - 1;
            if (!literal[i]) {
                if (c == ')' || c == ']' || c == '}') {
                    if (c == '}' && depth == 0 && statement && !ours) {
                        break; // the statement before ours ended here
                    }
                    depth++;
                } else if (c == '(' || c == '[' || c == '{') {
                    if (depth == 0) {
                        break; // the snippet is inside this bracket
                    }
                    depth--;
                } else if (depth == 0 && !ours && (c == ';' || (!statement && (c == ',' || isAssignment(code, i))))) {
                    break;
                }
            }
            if (depth == 0 && isTokenStart(code, literal, i) && isOneSnippet(analysis, code.substring(i, end))) {
                candidates.add(i);
            }
        }
        // the farthest: after ; or } the statement's first token; else the longest expression, by javac's grammar
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (statement || JavaParser.isExpression(code.substring(candidates.get(i), end))) {
                return OptionalInt.of(candidates.get(i));
            }
        }
        return OptionalInt.empty();
    }

    /** Whether {@code text} is exactly one snippet, complete (with or without its semicolon), by JShell. */
    private static boolean isOneSnippet(SourceCodeAnalysis analysis, String text) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(text);
        return (info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE
                || info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI)
                && (info.remaining() == null || info.remaining().isBlank());
    }

    /** {@code =} or a compound assignment ({@code +=}, {@code <<=}...) at {@code i}, not {@code ==}, {@code <=}, {@code >=}, {@code !=}. */
    private static boolean isAssignment(String code, int i) {
        if (code.charAt(i) != '=' || (i + 1 < code.length() && code.charAt(i + 1) == '=')) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        char before = code.charAt(i - 1);
        if (before == '=' || before == '!') {
            return false;
        }
        if (before == '<' || before == '>') {
            // <= and >= compare; <<=, >>= and >>>= assign
            return i >= 2 && code.charAt(i - 2) == before;
        }
        return true;
    }

    private static boolean isTokenStart(String code, boolean[] literal, int i) {
        char c = code.charAt(i);
        if (Character.isWhitespace(c) || (literal[i] && i > 0 && literal[i - 1]) || code.startsWith("//", i)
                || code.startsWith("/*", i)) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        char before = code.charAt(i - 1);
        return Character.isWhitespace(before) || Character.isJavaIdentifierPart(before) != Character.isJavaIdentifierPart(c)
                || !Character.isJavaIdentifierPart(c);
    }

    /**
     * Which characters before {@code end} belong to a string, text block, character literal or comment (their
     * opening character included).
     */
    private static boolean[] literalsAndComments(String code, int end) {
        boolean[] in = new boolean[end];
        int i = 0;
        while (i < end) {
            int close;
            if (code.startsWith("//", i)) {
                close = code.indexOf('\n', i);
            } else if (code.startsWith("/*", i)) {
                close = code.indexOf("*/", i + 2);
                close = close < 0 ? -1 : close + 1;
            } else if (code.startsWith("\"\"\"", i)) {
                close = code.indexOf("\"\"\"", i + 3);
                close = close < 0 ? -1 : close + 2;
            } else if (code.charAt(i) == '"' || code.charAt(i) == '\'') {
                close = closingQuote(code, i);
            } else {
                i++;
                continue;
            }
            int stop = close < 0 || close >= end ? end - 1 : close;
            for (int j = i; j <= stop; j++) {
                in[j] = true;
            }
            i = stop + 1;
        }
        return in;
    }

    private static int closingQuote(String code, int open) {
        char quote = code.charAt(open);
        for (int j = open + 1; j < code.length(); j++) {
            char c = code.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote || c == '\n') {
                return j;
            }
        }
        return -1;
    }
}
