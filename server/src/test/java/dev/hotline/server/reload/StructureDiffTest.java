package dev.hotline.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

class StructureDiffTest {

    @Test
    void bodyOnlyChangesAreNoStructuralChange() throws Exception {
        byte[] before = compile("class A { int f(int x) { return x; } }");
        byte[] after = compile("class A { int f(int x) { return x + 1; } }");
        assertEquals(List.of(), StructureDiff.between(ClassStructure.read(before), ClassStructure.read(after)));
    }

    @Test
    void namesEveryKindOfStructuralChange() throws Exception {
        byte[] before = compile("class A implements Runnable { int count; public void run() { } void f(String s) { } }");
        byte[] after = compile("class A extends Thread implements java.io.Serializable {"
                + " long count; private void run2() { } static void f(String s) { } String[] g(int[] a, java.util.List<String> l) { return null; } }");
        List<String> changes = StructureDiff.between(ClassStructure.read(before), ClassStructure.read(after));
        assertEquals(List.of(
                "changed the superclass from java.lang.Object to java.lang.Thread",
                "added interface java.io.Serializable",
                "removed interface java.lang.Runnable",
                "added field long count",
                "removed field int count",
                "added method void run2()",
                "changed the modifiers of method void f(String) from '' to 'static'",
                "added method String[] g(int[], java.util.List)",
                "removed method void run()"), changes);
    }

    @Test
    void readsNameSuperAndVersion() throws Exception {
        ClassStructure s = ClassStructure.read(compile("class A { static final long BIG = 1L << 40; double d = 1.5; }"));
        assertEquals("A", s.name());
        assertEquals("java.lang.Object", s.superName());
        assertEquals(61, s.majorVersion(), "compiled with --release 17");
        assertThrows(IOException.class, () -> ClassStructure.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }

    /** Compiles one class named A in memory with --release 17. */
    private static byte[] compile(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, byte[]> out = new HashMap<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///A.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavaFileManager memory = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name + ".class"), kind) {
                    @Override
                    public java.io.OutputStream openOutputStream() {
                        return new java.io.ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                out.put(name, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        if (!javac.getTask(null, memory, null, List.of("--release", "17"), null, List.of(file)).call()) {
            throw new IllegalStateException("test source does not compile: " + source);
        }
        return out.get("A");
    }
}
