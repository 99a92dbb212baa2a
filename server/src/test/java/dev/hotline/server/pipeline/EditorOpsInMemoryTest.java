package dev.hotline.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import org.junit.jupiter.api.Test;

/**
 * The ops an editor asks about source it is showing: {@code preceding-snippet} (what {@code C-x C-e} evaluates)
 * and {@code declaration-at} (what {@code C-c C-c} evaluates and {@code C-c C-t} traces).
 */
class EditorOpsInMemoryTest extends InMemoryServiceTest {
    private static Plist ask(Plist.Builder request) throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame(request.put(Wire.ID, 1).build().toString());
            c.settle();
            return c.replies().get(c.replies().size() - 1);
        }
    }

    /** What C-x C-e would evaluate with the cursor at the end of {@code before}, or null. */
    private static String preceding(String before) throws Exception {
        Plist reply = ask(Plist.builder().put(Wire.OP, "preceding-snippet").put(Wire.CODE, before));
        assertEquals(java.util.List.of(Wire.DONE), reply.keywords(Wire.STATUS), reply.toString());
        return reply.integer("start").map(start -> before.substring(start.intValue()).strip()).orElse(null);
    }

    @Test
    void theExpressionBeforePointIsJavasNotLisps() throws Exception {
        assertEquals("Greeter.template", preceding("    String s = Greeter.template"));
        assertEquals("Greeter.template", preceding("package a.b;\n\nclass Scratch {\n    void f() {\n        String s = Greeter.template"));
        assertEquals("a + b", preceding("int f() {\n    return a + b"));
        assertEquals("y.z()", preceding("f(x, y.z()"));
        assertEquals("\"a; b\".length()", preceding("x = 1; \"a; b\".length()"));
        assertEquals("list.get(0).name", preceding("// note: f(\nlist.get(0).name"));
        assertEquals("count >= 2", preceding("boolean ok = count >= 2"));
    }

    @Test
    void afterASemicolonOrABraceItIsTheWholeStatement() throws Exception {
        assertEquals("int n = count();", preceding("foo();\nint n = count();"));
        assertEquals("if (a) { b(); }", preceding("x++;\nif (a) { b(); }"));
        assertEquals("static int twice(int x) { return 2 * x; }",
                preceding("class A {\n    static int twice(int x) { return 2 * x; }"));
    }

    @Test
    void nothingCompleteBeforePointIsNoStart() throws Exception {
        assertEquals(null, preceding("int x = "));
        assertEquals(null, preceding("   "));
    }

    private static final String SOURCE = """
            package com.acme;

            import java.util.List;

            public class Orders {
                private static int placed = 0;

                /** Places one. */
                public String place(String item) {
                    placed++;
                    return item;
                }

                void place(String item, int count) { }

                static class Line {
                    int total() { return 1; }
                }
            }
            """;

    private static Plist declarationAt(String marker) throws Exception {
        return ask(Plist.builder().put(Wire.OP, "declaration-at").put(Wire.CODE, SOURCE)
                .put("cursor", SOURCE.indexOf(marker)));
    }

    @Test
    void theDeclarationAtPointIsTheInnermostMember() throws Exception {
        Plist method = declarationAt("placed++");
        assertEquals("method", method.string("kind").orElseThrow());
        assertEquals("place", method.string("name").orElseThrow());
        assertEquals("com.acme.Orders::place(String)", method.string("trace-spec").orElseThrow());
        String text = SOURCE.substring(method.integer("start").orElseThrow().intValue(), method.integer("end").orElseThrow().intValue());
        assertEquals("public String place(String item) {\n        placed++;\n        return item;\n    }", text);

        assertEquals("field", declarationAt("placed = 0").string("kind").orElseThrow());
        Plist nested = declarationAt("return 1");
        assertEquals("com.acme.Orders$Line", nested.string("class").orElseThrow());
        assertEquals("com.acme.Orders$Line::total", nested.string("trace-spec").orElseThrow());
        assertEquals("class", declarationAt("static class Line").string("kind").orElseThrow());
        assertFalse(declarationAt("import java").has("kind"), "an import is in no class");
    }
}
