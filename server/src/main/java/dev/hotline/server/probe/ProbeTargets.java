package dev.hotline.server.probe;

import dev.hotline.server.trace.ClassWeaving;
import dev.hotline.server.trace.TraceException;
import dev.hotline.server.trace.TraceSpec;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Finds the code a probe goes in, from what the client typed: a line's sites among the loaded classes, or the
 * methods a catch names, each read from the class file the JVM has now. What is not there, or not well formed,
 * is a {@link TraceException} that says so.
 */
final class ProbeTargets {
    private final Instrumentation instrumentation;
    private final ClassWeaving weaving;

    ProbeTargets(Instrumentation instrumentation, ClassWeaving weaving) {
        this.instrumentation = instrumentation;
        this.weaving = weaving;
    }

    /** The loaded classes (the named one and those nested in it) with code at the line, and its sites in each. */
    Map<Class<?>, List<LineSites.Site>> sitesOf(LinePlace place) throws TraceException {
        Map<Class<?>, List<LineSites.Site>> sites = new LinkedHashMap<>();
        List<Class<?>> named = weaving.classesNamed(place.className());
        SortedSet<Integer> lines = null;
        for (Class<?> top : named) {
            for (Class<?> type : withNested(top)) {
                ClassNode node = LineSites.read(weaving.classFile(type));
                List<LineSites.Site> found = LineSites.find(node, place.line());
                if (!found.isEmpty()) {
                    sites.put(type, found);
                }
                if (type == top) {
                    lines = LineSites.linesWithCode(node);
                }
            }
        }
        if (sites.isEmpty()) {
            Class<?> top = named.get(0);
            throw new TraceException(lines == null || lines.isEmpty()
                    ? top.getName() + " has no line numbers (it was compiled without them), so no line of it can be"
                            + " probed; probe a method with hotline trace instead"
                    : "line " + place.line() + " of " + top.getName() + " has no code" + nearest(lines, place.line()));
        }
        return sites;
    }

    /**
     * The methods {@code spec} names, by class, as their class files have them.
     *
     * @throws TraceException when there is none, or one of them cannot be caught, saying why
     */
    Map<Class<?>, List<MethodNode>> methodsOf(TraceSpec spec) throws TraceException {
        Map<Class<?>, List<MethodNode>> methods = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, List<Method>> named : spec.methodsIn(weaving).entrySet()) {
            List<String> keys = named.getValue().stream().map(m -> m.getName() + Type.getMethodDescriptor(m)).toList();
            List<MethodNode> nodes = new ArrayList<>();
            for (MethodNode node : LineSites.read(weaving.classFile(named.getKey())).methods) {
                if (keys.contains(node.name + node.desc)) {
                    String why = CatchWeaver.unweavable(node);
                    if (why != null) {
                        throw new TraceException("cannot catch " + named.getKey().getName() + "::" + node.name + ": "
                                + why);
                    }
                    nodes.add(node);
                }
            }
            methods.put(named.getKey(), nodes);
        }
        return methods;
    }

    /** The place, once it and the message are known to be well formed. */
    static LinePlace parsed(String placeText, ProbeOptions options) throws TraceException {
        try {
            options.message().ifPresent(Template::parse);
            return LinePlace.parse(placeText);
        } catch (IllegalArgumentException e) {
            throw new TraceException(e.getMessage());
        }
    }

    static TraceSpec methodSpec(String text) throws TraceException {
        try {
            return TraceSpec.parse(text, "catch");
        } catch (IllegalArgumentException e) {
            throw new TraceException(e.getMessage());
        }
    }

    /** The type {@code thrown} has in a catch's expressions: the exception it names, if that class is found. */
    static String exceptionType(Class<?> caught, Optional<String> exception) {
        for (String name : exception.map(e -> List.of(e, "java.lang." + e)).orElse(List.of())) {
            try {
                Class<?> type = Class.forName(name, false, caught.getClassLoader());
                if (Throwable.class.isAssignableFrom(type)) {
                    return Type.getDescriptor(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not by this name: the next, or Throwable
            }
        }
        return "Ljava/lang/Throwable;";
    }

    /** {@code top} and the loaded classes nested in it (inner, anonymous, local), by the same loader. */
    private List<Class<?>> withNested(Class<?> top) {
        List<Class<?>> all = new ArrayList<>(List.of(top));
        String prefix = top.getName() + "$";
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().startsWith(prefix) && c.getClassLoader() == top.getClassLoader() && !c.isHidden()
                    && instrumentation.isModifiableClass(c)) {
                all.add(c);
            }
        }
        return all;
    }

    private static String nearest(SortedSet<Integer> lines, int line) {
        SortedSet<Integer> before = lines.headSet(line);
        SortedSet<Integer> after = lines.tailSet(line);
        List<String> near = new ArrayList<>();
        if (!before.isEmpty()) {
            near.add(String.valueOf(before.last()));
        }
        if (!after.isEmpty()) {
            near.add(String.valueOf(after.first()));
        }
        return near.isEmpty() ? "" : near.size() == 1 ? "; the nearest line with code is " + near.get(0)
                : "; the nearest lines with code are " + String.join(" and ", near);
    }
}
