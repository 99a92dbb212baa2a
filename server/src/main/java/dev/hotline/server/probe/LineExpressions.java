package dev.hotline.server.probe;

import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.trace.ProbeCompiler;
import dev.hotline.server.trace.ReadOnlyCheck;
import dev.hotline.server.trace.TraceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.objectweb.asm.Type;

/**
 * A probe's {@code --where} and the expressions it shows (its message's, or {@code --show}'s), compiled once as
 * real Java against the service's classes, into a class defined beside the probed one. They see the line's
 * locals by name (a catch's: the method's arguments and {@code thrown}), with their declared types where a class
 * outside the probed one's package may name them ({@code Object} otherwise), and {@code self}, the probed object.
 */
final class LineExpressions {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final LineExpressions NONE = new LineExpressions(null, 0);

    private final Function<Object[], Object[]> compiled;
    private final int parts;

    private LineExpressions(Function<Object[], Object[]> compiled, int parts) {
        this.compiled = compiled;
        this.parts = parts;
    }

    /**
     * @param site what the expressions see: its locals by name, and {@code self}
     * @param parts the expressions whose values a hit shows: a logpoint's message's, or {@code --show}'s
     * @param partOrigin how an error names a part, for the client: {@code the message's {x}}
     * @throws TraceException with javac's messages, said of the option they came from, when one does not compile
     */
    static LineExpressions compile(SourceCompiler compiler, Class<?> probed, LineSites.Site site,
            Optional<String> where, List<String> parts, Function<String, String> partOrigin, boolean unsafe)
            throws TraceException {
        if (where.isEmpty() && parts.isEmpty()) {
            return NONE;
        }
        String name = "HotlineLineProbe" + NEXT.incrementAndGet();
        List<String> origins = new ArrayList<>();
        SourceCompiler.Result result = compile(compiler, name, source(name, probed, site, where, parts, partOrigin,
                Set.of(), origins));
        Set<Integer> voidParts = voidParts(result, origins, parts, partOrigin);
        if (!voidParts.isEmpty()) { // a call with no value, such as list.clear(): compiled as a statement
            origins.clear();
            result = compile(compiler, name, source(name, probed, site, where, parts, partOrigin, voidParts, origins));
        }
        if (!result.errors().isEmpty()) {
            List<String> names = site.locals().stream().map(LineSites.Local::name).toList();
            throw new TraceException("the probe's expressions do not compile at this line:\n  "
                    + String.join("\n  ", result.errors().stream().map(e -> located(e, origins)).toList())
                    + "\n(they see self" + (names.isEmpty() ? "" : " and the locals " + String.join(", ", names))
                    + (site.namesKnown() ? ")" : "; " + probed.getName() + " was compiled without local variable"
                            + " names (javac -g), so only the method's arguments are there, as p0, p1, ...)"));
        }
        if (!unsafe) {
            Optional<ReadOnlyCheck.Violation> violation = ReadOnlyCheck.find(result.classes(), probed.getClassLoader());
            if (violation.isPresent()) {
                String origin = violation.get().line() > 0 ? origins.get(violation.get().line() - 1) : null;
                throw new TraceException((origin != null ? origin : "the probe's expressions") + " refused: it "
                        + violation.get().describe() + ". " + ReadOnlyCheck.ONLY_READS);
            }
        }
        try {
            @SuppressWarnings("unchecked")
            Function<Object[], Object[]> probe = (Function<Object[], Object[]>) ProbeCompiler.instantiate(
                    probed.getClassLoader(), result.classes(), name);
            return new LineExpressions(probe, parts.size());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new TraceException("cannot load the probe's compiled expressions: " + e);
        }
    }

    private static SourceCompiler.Result compile(SourceCompiler compiler, String name, String source)
            throws TraceException {
        try {
            return compiler.compile(name, source);
        } catch (IOException e) {
            throw new TraceException("cannot compile the probe's expressions: " + e.getMessage());
        }
    }

    /** The parts javac said have no value ({@code void}). */
    private static Set<Integer> voidParts(SourceCompiler.Result result, List<String> origins, List<String> parts,
            Function<String, String> partOrigin) {
        Set<Integer> found = new TreeSet<>();
        for (String error : result.errors()) {
            if (error.contains("void cannot be converted") || error.contains("'void' type not allowed")) {
                String origin = origins.get(Math.max(0, Math.min(origins.size() - 1, errorLine(error) - 1)));
                for (int i = 0; i < parts.size(); i++) {
                    if (partOrigin.apply(parts.get(i)).equals(origin)) {
                        found.add(i);
                    }
                }
            }
        }
        return found;
    }

    private static int errorLine(String error) {
        try {
            return Integer.parseInt(error.split(":", 2)[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Called on the hitting thread. Returns null when {@code --where} does not hold, else the parts' values.
     *
     * @throws RuntimeException what an expression threw
     */
    Object[] evaluate(Object self, Object[] locals) {
        if (compiled == null) {
            return new Object[0];
        }
        Object[] values = new Object[locals.length + 1];
        values[0] = self;
        System.arraycopy(locals, 0, values, 1, locals.length);
        Object[] out = compiled.apply(values);
        return out == null || out.length == parts ? out : null;
    }

    /**
     * The source; each expression is alone on its line, and {@code origins} says, by line, which it is. The
     * {@code voidParts} are statements, whose value shows as {@code (no value)}.
     */
    private static String source(String name, Class<?> probed, LineSites.Site site, Optional<String> where,
            List<String> parts, Function<String, String> partOrigin, Set<Integer> voidParts, List<String> origins) {
        StringBuilder s = new StringBuilder();
        if (!probed.getPackageName().isEmpty()) {
            line(s, origins, "import " + probed.getPackageName() + ".*;", null); // its public classes by simple name
        }
        line(s, origins, "@SuppressWarnings(\"all\")", null);
        line(s, origins, "public final class " + name
                + " implements java.util.function.Function<Object[], Object[]> {", null);
        line(s, origins, "    public Object[] apply(Object[] hotline$values) {", null);
        List<LineSites.Local> locals = site.locals();
        if (locals.stream().noneMatch(l -> l.name().equals("self"))) {
            String self = ProbeCompiler.selfType(probed);
            line(s, origins, "        final " + self + " self = (" + self + ") hotline$values[0];", null);
        }
        for (int i = 0; i < locals.size(); i++) {
            String[] type = sourceType(locals.get(i).type(), probed.getClassLoader());
            line(s, origins, "        final " + type[0] + " " + locals.get(i).name() + " = (" + type[1]
                    + ") hotline$values[" + (i + 1) + "];", null);
        }
        // Each expression gets a statement of its own, whose first line javac may name for what the expression
        // does (a store has no line of its own), so both lines are said to be the expression's.
        line(s, origins, "        if (!(", "--where");
        line(s, origins, where.orElse("true").replace('\n', ' '), "--where");
        line(s, origins, "        )) return null;", null);
        line(s, origins, "        Object[] hotline$parts = new Object[" + parts.size() + "];", null);
        for (int i = 0; i < parts.size(); i++) {
            String origin = partOrigin.apply(parts.get(i));
            if (voidParts.contains(i)) {
                line(s, origins, parts.get(i).replace('\n', ' ') + ";", origin);
                line(s, origins, "        hotline$parts[" + i + "] = \"(no value)\";", null);
                continue;
            }
            line(s, origins, "        hotline$parts[" + i + "] = (", origin);
            line(s, origins, parts.get(i).replace('\n', ' '), origin);
            line(s, origins, "        );", null);
        }
        line(s, origins, "        return hotline$parts;", null);
        line(s, origins, "    }", null);
        line(s, origins, "}", null);
        return s.toString();
    }

    private static void line(StringBuilder source, List<String> origins, String text, String origin) {
        source.append(text).append('\n');
        origins.add(origin);
    }

    /** javac's {@code LINE:COLUMN: message}, said of the expression it came from. */
    private static String located(String error, List<String> origins) {
        String[] parts = error.split(":", 3);
        try {
            String origin = origins.get(Integer.parseInt(parts[0]) - 1);
            return origin == null ? error : origin + ", column " + parts[1] + ":" + parts[2];
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return error;
        }
    }

    /** A local's type as declared in the probe, and as cast from Object (boxed for a primitive). */
    private static String[] sourceType(Type type, ClassLoader loader) {
        if (type.getSort() != Type.OBJECT && type.getSort() != Type.ARRAY) {
            String boxed = switch (type.getSort()) {
                case Type.INT -> "Integer";
                case Type.CHAR -> "Character";
                default -> Character.toUpperCase(type.getClassName().charAt(0)) + type.getClassName().substring(1);
            };
            return new String[] {type.getClassName(), boxed};
        }
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        String name;
        if (element.getSort() != Type.OBJECT) {
            name = element.getClassName();
        } else {
            try {
                name = ProbeCompiler.selfType(Class.forName(element.getClassName(), false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                name = "Object";
            }
        }
        String declared = name.equals("Object") && type.getSort() == Type.ARRAY ? "Object"
                : name + "[]".repeat(type.getSort() == Type.ARRAY ? type.getDimensions() : 0);
        return new String[] {declared, declared};
    }
}
