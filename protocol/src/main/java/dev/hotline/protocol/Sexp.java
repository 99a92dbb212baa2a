package dev.hotline.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * An s-expression as it travels on the wire: the common ground of Emacs Lisp, Common Lisp's swank and
 * Hotline's own native dialect.
 *
 * <p>Only what the wire needs is modelled: strings, integers, symbols, keywords and proper lists.
 * {@code nil} is the empty list, as in Lisp; {@code t} is the symbol {@code t}.
 */
public sealed interface Sexp permits Sexp.Str, Sexp.Int, Sexp.Sym, Sexp.Kw, Sexp.Lst {

    /** The empty list, read from and printed as {@code nil}. */
    Lst NIL = new Lst(List.of());

    /** The symbol {@code t}, Lisp's canonical true. */
    Sym T = new Sym("t");

    /** A string; printed with only {@code "} and {@code \} escaped, which both Lisp readers accept. */
    record Str(String value) implements Sexp { }

    /** An integer that fits a {@code long}. */
    record Int(long value) implements Sexp { }

    /** A symbol, case as written, possibly package-qualified ({@code swank:connection-info}). */
    record Sym(String name) implements Sexp {
        /** The part after the last colon, lower-cased: how a Lisp reader would match an RPC name. */
        public String localName() {
            int colon = name.lastIndexOf(':');
            return name.substring(colon + 1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A keyword; {@code name} is without the leading colon. */
    record Kw(String name) implements Sexp { }

    /** A proper list. */
    record Lst(List<Sexp> items) implements Sexp {
        public Lst {
            items = List.copyOf(items);
        }

        public int size() {
            return items.size();
        }

        public Sexp get(int index) {
            return items.get(index);
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }
    }

    static Str str(String value) {
        return new Str(value);
    }

    static Kw kw(String name) {
        return new Kw(name);
    }

    static Int integer(long value) {
        return new Int(value);
    }

    static Sym sym(String name) {
        return new Sym(name);
    }

    static Lst list(Sexp... items) {
        return new Lst(Arrays.asList(items));
    }

    static Lst list(List<? extends Sexp> items) {
        return new Lst(List.copyOf(items));
    }

    /** Lisp truth: everything but {@code nil} is true. */
    static Sexp bool(boolean value) {
        return value ? T : NIL;
    }

    /** Prints this expression in the syntax {@link SexpReader} and the Emacs Lisp reader read back. */
    default String print() {
        return SexpPrinter.print(this);
    }
}
