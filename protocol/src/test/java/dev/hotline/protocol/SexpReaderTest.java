package dev.hotline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SexpReaderTest {

    private static Sexp read(String s) throws SexpSyntaxException {
        return SexpReader.DEFAULT.read(s);
    }

    @Test
    void readsSlimeConnectionInfoRequest() throws Exception {
        Sexp.Lst msg = (Sexp.Lst) read("(:emacs-rex (swank:connection-info) \"COMMON-LISP-USER\" t 1)\n");
        assertEquals(Sexp.kw("emacs-rex"), msg.get(0));
        assertEquals(Sexp.list(Sexp.sym("swank:connection-info")), msg.get(1));
        assertEquals(Sexp.str("COMMON-LISP-USER"), msg.get(2));
        assertEquals(Sexp.T, msg.get(3));
        assertEquals(Sexp.integer(1), msg.get(4));
    }

    @Test
    void readsNilPackageAsEmptyList() throws Exception {
        Sexp.Lst msg = (Sexp.Lst) read("(:emacs-rex (swank:connection-info) nil t 1)");
        assertEquals(Sexp.NIL, msg.get(2));
    }

    @Test
    void readsQuotedArgumentsAsQuoteForms() throws Exception {
        Sexp.Lst msg = (Sexp.Lst) read(
                "(:emacs-rex (swank:simple-completions \"list-le\" '\"COMMON-LISP-USER\") \"COMMON-LISP-USER\" t 11)");
        Sexp.Lst call = (Sexp.Lst) msg.get(1);
        assertEquals(Sexp.list(Sexp.sym("quote"), Sexp.str("COMMON-LISP-USER")), call.get(2));
        assertEquals("simple-completions", ((Sexp.Sym) call.get(0)).localName());
    }

    @Test
    void readsAutodocWithInternalSymbolAndQuotedList() throws Exception {
        Sexp.Lst msg = (Sexp.Lst) read(
                "(:emacs-rex (swank:autodoc '(\"format\" \"nil\" swank::%cursor-marker%) :print-right-margin 80)"
                        + " \"COMMON-LISP-USER\" t 15)");
        Sexp.Lst call = (Sexp.Lst) msg.get(1);
        Sexp.Lst quoted = (Sexp.Lst) call.get(1);
        Sexp.Lst form = (Sexp.Lst) quoted.get(1);
        assertEquals(Sexp.sym("swank::%cursor-marker%"), form.get(2));
        assertEquals("%cursor-marker%", ((Sexp.Sym) form.get(2)).localName());
        assertEquals(Sexp.kw("print-right-margin"), call.get(2));
        assertEquals(Sexp.integer(80), call.get(3));
    }

    @Test
    void readsStringsWithEscapesRawNewlinesAndUtf8() throws Exception {
        Sexp.Lst msg = (Sexp.Lst) read("(swank-repl:listener-eval \"\\\"λé\\\"\n\")");
        assertEquals(Sexp.str("\"λé\"\n"), msg.get(1));
        assertEquals(Sexp.str("a\\b"), read("\"a\\\\b\""));
        assertEquals(Sexp.str("line1\nline2"), read("\"line1\nline2\""));
    }

    @Test
    void readsSignedIntegersAndComments() throws Exception {
        assertEquals(Sexp.list(Sexp.integer(-7), Sexp.integer(42), Sexp.sym("1.5")), read("(-7 +42 ; comment\n 1.5)"));
    }

    @Test
    void refusesUnbalancedInputAndNamesTheOpeningParen() {
        SexpSyntaxException e = assertThrows(SexpSyntaxException.class, () -> read("(:op :eval (:x"));
        assertTrue(e.getMessage().contains("opened at offset 11"), e.getMessage());
    }

    @Test
    void refusesLispOnlySyntaxWithOffset() {
        SexpSyntaxException e = assertThrows(SexpSyntaxException.class, () -> read("(a #<thing>)"));
        assertEquals(3, e.offset());
        assertThrows(SexpSyntaxException.class, () -> read("|sym|"));
        assertThrows(SexpSyntaxException.class, () -> read(")"));
        assertThrows(SexpSyntaxException.class, () -> read("(a) b"));
        assertThrows(SexpSyntaxException.class, () -> read("   "));
        assertThrows(SexpSyntaxException.class, () -> read("\"unterminated"));
        assertThrows(SexpSyntaxException.class, () -> read("99999999999999999999"));
    }

    @Test
    void refusesNestingBeyondTheLimitWithoutStackOverflow() {
        String deep = "(".repeat(100_000) + ")".repeat(100_000);
        SexpSyntaxException e = assertThrows(SexpSyntaxException.class, () -> read(deep));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
        assertEquals(Sexp.list(Sexp.list(Sexp.list())), Sexp.list(Sexp.list(Sexp.NIL)));
    }

    @Test
    void errorMessageCarriesAnExcerptOfTheBadPacket() {
        SexpSyntaxException e = assertThrows(SexpSyntaxException.class, () -> read("(:op :eval :code \"x)"));
        assertTrue(e.getMessage().contains("(:op :eval"), e.getMessage());
    }

    @Test
    void roundTripsThroughThePrinter() throws Exception {
        Sexp value = Sexp.list(List.of(Sexp.kw("id"), Sexp.integer(7), Sexp.kw("out"), Sexp.str("say \"hi\"\\\nλ"),
                Sexp.kw("status"), Sexp.list(Sexp.kw("done")), Sexp.sym("swank:x"), Sexp.NIL, Sexp.T));
        assertEquals(value, read(value.print()));
    }
}
