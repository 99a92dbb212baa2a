package dev.hotline.server.trace;

import dev.hotline.server.reload.SourceCompiler;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles a trace's {@code --where} and {@code --show} once, as real Java against the service's classes, into a
 * class defined beside the traced class (its loader is the class's loader's child). In the expressions,
 * {@code self} has the traced class's type (when it is public), {@code result} the methods' return type (boxed;
 * {@code Object} when the traced methods differ or are void), {@code args} is {@code Object[]} and
 * {@code thrown} a {@code Throwable} (null when the call returned). The public classes of the traced class's package
 * are there by their simple names.
 */
public final class ProbeCompiler {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final SourceCompiler compiler;

    ProbeCompiler(SourceCompiler compiler) {
        this.compiler = compiler;
    }

    /** @throws TraceException with javac's messages when an expression does not compile */
    CallProbe compile(TraceOptions options, Class<?> traced, List<Method> methods) throws TraceException {
        if (options.where().isEmpty() && options.show().isEmpty()) {
            return CallProbe.NONE;
        }
        String name = "HotlineTraceProbe" + NEXT.incrementAndGet();
        String source = source(name, options, traced.getPackageName(), selfType(traced), resultType(methods));
        SourceCompiler.Result compiled;
        try {
            compiled = compiler.compile(name, source);
        } catch (IOException e) {
            throw new TraceException("cannot compile --where/--show: " + e.getMessage());
        }
        if (!compiled.errors().isEmpty()) {
            throw new TraceException("--where/--show do not compile against " + traced.getName() + ":\n  "
                    + String.join("\n  ", compiled.errors().stream().map(e -> located(e, source)).toList())
                    + "\n(they see args, result, thrown and self)");
        }
        if (!options.unsafe()) {
            Optional<ReadOnlyCheck.Violation> violation = ReadOnlyCheck.find(compiled.classes(),
                    traced.getClassLoader());
            if (violation.isPresent()) {
                String option = optionAt(violation.get().line(), source);
                throw new TraceException((option != null ? option : "--where/--show") + " refused: it "
                        + violation.get().describe() + ". " + ReadOnlyCheck.ONLY_READS);
            }
        }
        try {
            Object probe = instantiate(traced.getClassLoader(), compiled.classes(), name);
            @SuppressWarnings("unchecked")
            Predicate<Object[]> where = (Predicate<Object[]>) probe;
            @SuppressWarnings("unchecked")
            Function<Object[], Object> show = (Function<Object[], Object>) probe;
            return new CallProbe(where, options.show().isPresent() ? show : null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new TraceException("cannot load the compiled --where/--show: " + e);
        }
    }

    /** The probe's source; each expression is alone on its line, which {@link #located} finds again. */
    private static String source(String name, TraceOptions options, String packageName, String self,
            String result) {
        String locals = "        final " + self + " self = (" + self + ") hotline$call[0];\n"
                + "        final Object[] args = (Object[]) hotline$call[1];\n"
                + "        final " + result + " result = (" + result + ") hotline$call[2];\n"
                + "        final Throwable thrown = (Throwable) hotline$call[3];\n";
        return (packageName.isEmpty() ? "" : "import " + packageName + ".*;\n") // its public classes by simple name
                + "@SuppressWarnings(\"all\")\n"
                + "public final class " + name + " implements java.util.function.Predicate<Object[]>,"
                + " java.util.function.Function<Object[], Object> {\n"
                + "    public boolean test(Object[] hotline$call) {\n" + locals + "        return (\n"
                + options.where().orElse("true").replace('\n', ' ') + "\n"
                + "        );\n    }\n"
                + "    public Object apply(Object[] hotline$call) {\n" + locals + "        return (\n"
                + options.show().orElse("null").replace('\n', ' ') + "\n"
                + "        );\n    }\n}\n";
    }

    /** javac's {@code LINE:COLUMN: message} about the probe's source, said of the option it came from. */
    private static String located(String error, String source) {
        String[] parts = error.split(":", 3);
        try {
            String option = optionAt(Integer.parseInt(parts[0]), source);
            return option == null ? error : option + ", column " + parts[1] + ":" + parts[2];
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return error;
        }
    }

    /** The option whose expression is on {@code line} of the probe's source, or null. */
    private static String optionAt(int line, String source) {
        List<String> lines = source.lines().toList();
        int whereLine = lines.indexOf("    public boolean test(Object[] hotline$call) {") + 7;
        int showLine = lines.indexOf("    public Object apply(Object[] hotline$call) {") + 7;
        // javac may say a store is on the line of the statement, "return (", just above the expression
        return line == whereLine || line == whereLine - 1 ? "--where"
                : line == showLine || line == showLine - 1 ? "--show" : null;
    }

    /**
     * Loads the compiled probe class {@code name} as a child of {@code loader} (the probed class's, which resolves
     * what the probe names) and makes one.
     */
    public static Object instantiate(ClassLoader loader, Map<String, byte[]> classes, String name)
            throws ReflectiveOperationException {
        return new ProbeLoader(loader, classes).loadClass(name).getDeclaredConstructor().newInstance();
    }

    /**
     * The class's name as source spells it, when a probe (compiled outside its package) may name it; else
     * {@code Object}.
     */
    public static String selfType(Class<?> traced) {
        for (Class<?> c = traced; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()
                    || c.isHidden()) {
                return "Object";
            }
        }
        return traced.getTypeParameters().length > 0 || traced.getCanonicalName() == null ? "Object"
                : traced.getCanonicalName();
    }

    /** The boxed return type the traced methods share, or Object. */
    private static String resultType(List<Method> methods) {
        List<Class<?>> types = methods.stream().<Class<?>>map(Method::getReturnType).distinct().toList();
        if (types.size() != 1 || types.get(0) == void.class) {
            return "Object";
        }
        Class<?> type = types.get(0);
        if (type.isPrimitive()) {
            return Map.<Class<?>, String>of(boolean.class, "Boolean", char.class, "Character", byte.class, "Byte",
                    short.class, "Short", int.class, "Integer", long.class, "Long", float.class, "Float",
                    double.class, "Double").get(type);
        }
        for (Class<?> c = type.isArray() ? type.getComponentType() : type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return "Object";
            }
        }
        return type.getCanonicalName() == null || type.getTypeParameters().length > 0 ? "Object"
                : type.getCanonicalName();
    }

    /** Defines the compiled probe as a child of the traced class's loader, which resolves what it names. */
    private static final class ProbeLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ProbeLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
