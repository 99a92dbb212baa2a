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
            out.append(s.name());
        } else if (sexp instanceof Sexp.Kw k) {
            out.append(':').append(k.name());
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
