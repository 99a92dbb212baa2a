package dev.hotline.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one s-expression from a string, accepting what Emacs' {@code prin1} and Common Lisp print:
 * lists, strings with {@code \"} and {@code \\} escapes (raw newlines and raw UTF-8 inside), integers,
 * symbols including package-qualified ones ({@code swank:foo}, {@code swank::%cursor-marker%}),
 * keywords, {@code t}, {@code nil}, {@code 'x} read as {@code (quote x)} and {@code ;} comments.
 *
 * <p>Everything else ({@code #<...>}, {@code |sym|}, dotted pairs, vectors) is refused with a
 * {@link SexpSyntaxException} naming the offset. Nesting deeper than {@code maxDepth} is refused too, so
 * a hostile payload cannot exhaust the stack. A reader is cheap and holds no state between calls.
 *
 * <pre>{@code
 * SexpReader.DEFAULT.read("(:emacs-rex (swank:connection-info) nil t 1)")
 *   => Lst[Kw[emacs-rex], Lst[Sym[swank:connection-info]], NIL, T, Int[1]]
 * }</pre>
 */
public final class SexpReader {

    /** Depth limit used by {@link #DEFAULT}: far beyond what SLIME's autodoc sends (a few levels). */
    public static final int DEFAULT_MAX_DEPTH = 128;

    public static final SexpReader DEFAULT = new SexpReader(DEFAULT_MAX_DEPTH);

    private final int maxDepth;

    public SexpReader(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    /** Reads exactly one expression; anything but whitespace or comments after it is an error. */
    public Sexp read(String input) throws SexpSyntaxException {
        Cursor cursor = new Cursor(input);
        cursor.skipBlanks();
        if (cursor.atEnd()) {
            throw cursor.error("empty input");
        }
        Sexp result = readAny(cursor, 0);
        cursor.skipBlanks();
        if (!cursor.atEnd()) {
            throw cursor.error("unexpected text after the expression");
        }
        return result;
    }

    private Sexp readAny(Cursor in, int depth) throws SexpSyntaxException {
        if (depth >= maxDepth) {
            throw in.error("nesting deeper than " + maxDepth);
        }
        char c = in.peek();
        switch (c) {
            case '(':
                return readList(in, depth);
            case ')':
                throw in.error("unexpected ')'");
            case '"':
                return readString(in);
            case '\'':
                in.next();
                in.skipBlanks();
                if (in.atEnd()) {
                    throw in.error("quote with nothing after it");
                }
                return Sexp.list(Sexp.sym("quote"), readAny(in, depth + 1));
            case '#':
            case '|':
            case '`':
            case ',':
            case '[':
            case ']':
                throw in.error("unsupported syntax '" + c + "'");
            default:
                return readAtom(in);
        }
    }

    private Sexp readList(Cursor in, int depth) throws SexpSyntaxException {
        int start = in.pos;
        in.next(); // '('
        List<Sexp> items = new ArrayList<>();
        while (true) {
            in.skipBlanks();
            if (in.atEnd()) {
                throw new SexpSyntaxException("unbalanced '(' opened at offset " + start + ", input ended",
                        in.text, in.pos);
            }
            if (in.peek() == ')') {
                in.next();
                return new Sexp.Lst(items);
            }
            items.add(readAny(in, depth + 1));
        }
    }

    private Sexp readString(Cursor in) throws SexpSyntaxException {
        int start = in.pos;
        in.next(); // opening quote
        StringBuilder sb = new StringBuilder();
        while (!in.atEnd()) {
            char c = in.next();
            if (c == '"') {
                return new Sexp.Str(sb.toString());
            }
            if (c == '\\') {
                if (in.atEnd()) {
                    break;
                }
                char escaped = in.next();
                switch (escaped) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case '\n': break; // Emacs: backslash-newline is a line continuation
                    default: sb.append(escaped);
                }
            } else {
                sb.append(c);
            }
        }
        throw new SexpSyntaxException("unterminated string opened at offset " + start, in.text, in.pos);
    }

    private Sexp readAtom(Cursor in) throws SexpSyntaxException {
        int start = in.pos;
        StringBuilder sb = new StringBuilder();
        boolean escaped = false;
        while (!in.atEnd() && !isDelimiter(in.peek())) {
            char c = in.next();
            if (c == '\\') {
                if (in.atEnd()) {
                    throw in.error("backslash at end of symbol");
                }
                c = in.next();
                escaped = true;
            }
            sb.append(c);
        }
        String token = sb.toString();
        if (token.isEmpty()) {
            throw new SexpSyntaxException("unexpected character '" + in.peek() + "'", in.text, start);
        }
        if (token.startsWith(":")) {
            if (token.length() == 1) {
                throw new SexpSyntaxException("keyword without a name", in.text, start);
            }
            return new Sexp.Kw(token.substring(1));
        }
        if (escaped) {
            return new Sexp.Sym(token); // \12 and \nil are symbols, as in Lisp
        }
        if (looksLikeInteger(token)) {
            try {
                return new Sexp.Int(Long.parseLong(token.startsWith("+") ? token.substring(1) : token));
            } catch (NumberFormatException e) {
                throw new SexpSyntaxException("integer out of range '" + token + "'", in.text, start);
            }
        }
        if (token.equals("nil")) {
            return Sexp.NIL;
        }
        return new Sexp.Sym(token);
    }

    static boolean looksLikeInteger(String token) {
        int i = (token.charAt(0) == '-' || token.charAt(0) == '+') ? 1 : 0;
        if (i == token.length()) {
            return false;
        }
        for (; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"' || c == '\'' || c == ';';
    }

    /** Position in the input; package-private so tests of error offsets stay simple. */
    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        char next() {
            return text.charAt(pos++);
        }

        void skipBlanks() {
            while (!atEnd()) {
                char c = peek();
                if (c == ';') {
                    while (!atEnd() && peek() != '\n') {
                        pos++;
                    }
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else {
                    return;
                }
            }
        }

        SexpSyntaxException error(String problem) {
            return new SexpSyntaxException(problem, text, pos);
        }
    }
}
