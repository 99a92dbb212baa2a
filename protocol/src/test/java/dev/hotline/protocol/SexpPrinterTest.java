package dev.hotline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SexpPrinterTest {

    @Test
    void printsWhatSwankSendsForAReplResult() {
        Sexp reply = Sexp.list(Sexp.kw("write-string"), Sexp.str("\"λé\""), Sexp.kw("repl-result"));
        assertEquals("(:write-string \"\\\"λé\\\"\" :repl-result)", reply.print());
    }

    @Test
    void printsReturnOkWithNilAndT() {
        Sexp reply = Sexp.list(Sexp.kw("return"), Sexp.list(Sexp.kw("ok"), Sexp.list(Sexp.str("x"), Sexp.T)),
                Sexp.integer(15));
        assertEquals("(:return (:ok (\"x\" t)) 15)", reply.print());
        assertEquals("nil", Sexp.NIL.print());
    }

    @Test
    void escapesOnlyQuoteAndBackslashKeepingNewlinesRaw() {
        assertEquals("\"a\\\"b\\\\c\nd\"", Sexp.str("a\"b\\c\nd").print());
    }

    @Test
    void plistKeepsOrder() throws Exception {
        Plist p = Plist.builder().put("id", 7).put("value", "42").put("type", "int").build();
        assertEquals("(:id 7 :value \"42\" :type \"int\")", p.toString());
        Plist back = Plist.from(SexpReader.DEFAULT.read(p.toString()));
        assertEquals(7L, back.integer("id").orElseThrow());
        assertEquals("int", back.string("type").orElseThrow());
    }
}
