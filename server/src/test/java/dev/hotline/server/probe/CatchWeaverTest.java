package dev.hotline.server.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.server.support.BootClasses;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.MethodNode;

/**
 * The handlers a catch weaves pass the JVM's verifier and change nothing a method does: the class is defined
 * woven (in a loader of its own, so it is verified) and each method throws and returns as the original does.
 */
class CatchWeaverTest {
    @Test
    void wovenMethodsVerifyAndThrowAndReturnAsBefore() throws Exception {
        // woven code calls TraceDispatcher: it must resolve to the boot class path's, as in a service, and not
        // be loaded from the test class path first (the tests that trace would then link another copy)
        assertTrue(BootClasses.install(ByteBuddyAgent.install()));
        byte[] original;
        try (InputStream in = CatchShapes.class.getResourceAsStream("CatchShapes.class")) {
            original = in.readAllBytes();
        }
        List<CatchWeaver.Planned> planned = new ArrayList<>();
        for (MethodNode method : LineSites.read(original).methods) {
            if (CatchWeaver.unweavable(method) == null) {
                planned.add(new CatchWeaver.Planned(planned.size(), method.name + method.desc));
            }
        }
        CatchWeaver.Woven woven = CatchWeaver.weave(original, planned);
        assertEquals(planned.size(), woven.found().size(), "every method but the constructor is woven");
        Class<?> type = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define(byte[] bytes) {
                return defineClass(CatchShapes.class.getName(), bytes, 0, bytes.length);
            }
        }.define(woven.classFile());

        assertEquals(IllegalStateException.class, thrown(type, "loops", 10));
        assertEquals(12, call(type, "loops", 3));
        assertEquals(IllegalArgumentException.class, thrown(type, "withFinally", "long"));
        assertEquals(2, call(type, "withFinally", "ab"));
        assertEquals(ArrayIndexOutOfBoundsException.class, thrown(type, "switched", 2));
        assertEquals(UnsupportedOperationException.class, thrown(type, "switched", 1));
        assertEquals("a", call(type, "switched", 0));
        assertTrue(CatchWeaver.unweavable(LineSites.read(original).methods.stream()
                .filter(m -> m.name.equals("<init>")).findFirst().orElseThrow()).contains("constructor"));
    }

    private static Object call(Class<?> type, String name, Object argument) throws Exception {
        Constructor<?> make = type.getDeclaredConstructor();
        make.setAccessible(true); // a package-private class, in another loader's package
        return method(type, name).invoke(make.newInstance(), argument);
    }

    private static Class<?> thrown(Class<?> type, String name, Object argument) {
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> call(type, name, argument));
        return e.getCause().getClass();
    }

    private static Method method(Class<?> type, String name) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new AssertionError(name);
    }
}

/** Methods of the shapes a catch must handle: loops, wide locals, finally, switch, locals declared mid-line. */
final class CatchShapes {
    int loops(int n) {
        long total = 0;
        double half = 0.5;
        for (int i = 0; i < n; i++) {
            String s = "x" + i; total += s.length() * 2L;
            if (i == 5) {
                throw new IllegalStateException("at " + i + " of " + half);
            }
        }
        return (int) total;
    }

    int withFinally(String text) {
        int length = text.length();
        try {
            if (length > 2) {
                throw new IllegalArgumentException(text);
            }
            return length;
        } finally {
            length = 0;
        }
    }

    String switched(int which) {
        switch (which) {
            case 0:
                return "a";
            case 1:
                throw new UnsupportedOperationException();
            default: {
                int[] array = new int[1];
                return "" + array[which];
            }
        }
    }
}
