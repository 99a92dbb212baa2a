package dev.hotline.protocol;

/**
 * Prints s-expressions so that both the Emacs Lisp reader and {@link SexpReader} read them back: strings
 * escape only {@code "} and {@code \} (raw newlines and UTF-8 are fine for both), keywords print as
 * {@code :name}, the empty list as {@code nil}. Nothing is ever printed as {@code #<...>}, which Emacs
 * cannot read.
 */
public final class SexpPrinter {

    private SexpPrinter() {
    }

    public static String print(Sexp sexp) {
        StringBuilder sb = new StringBuilder();
        print(sexp, sb);
        return sb.toString();
    }

    public static void print(Sexp sexp, StringBuilder out) {
        if (sexp instanceof Sexp.Str s) {
            printString(s.value(), out);
        } else if (sexp instanceof Sexp.Int i) {
            out.append(i.value());
        } else if (sexp instanceof Sexp.Sym s) {
            boolean ambiguous = s.name().equals("nil") || s.name().startsWith(":")
                    || SexpReader.looksLikeInteger(s.name());
            printName(s.name(), ambiguous, out);
        } else if (sexp instanceof Sexp.Kw k) {
            out.append(':');
            printName(k.name(), false, out);
        } else if (sexp instanceof Sexp.Lst l) {
            if (l.isEmpty()) {
                out.append("nil");
                return;
            }
            out.append('(');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                print(l.get(i), out);
            }
            out.append(')');
        }
    }

    /**
     * A symbol's or keyword's name, with a backslash before each character the reader would otherwise take as
     * the end of the name (or as an escape); with {@code escapeFirst}, before the first character too, so that
     * a symbol named {@code 12} or {@code nil} does not read back as an integer or the empty list.
     */
    private static void printName(String name, boolean escapeFirst, StringBuilder out) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((i == 0 && escapeFirst) || c == '\\' || SexpReader.isDelimiter(c)) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    private static void printString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
