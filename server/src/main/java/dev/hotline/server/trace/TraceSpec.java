package dev.hotline.server.trace;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.Type;

/**
 * Which methods a trace (or a catch) covers, as typed: {@code CLASS::METHOD} (every overload), {@code CLASS::METHOD(String,int)}
 * (one, by its parameter types, simple or qualified), {@code CLASS::METHOD(Ljava/lang/String;)I} (one, by its
 * descriptor) or {@code CLASS::*} (every method the class declares, constructors and synthetic methods aside).
 * CLASS is a binary name ({@code com.acme.Orders$Line}) or, when only one loaded class has it, a simple name.
 *
 * @param className the class as typed
 * @param method the method's name, or {@code *}
 * @param parameterTypes the parameter types as typed, when given as a list
 * @param descriptor the method descriptor, when given as one
 */
public record TraceSpec(String className, String method, Optional<List<String>> parameterTypes, Optional<String> descriptor) {
    private static final Pattern SYNTAX = Pattern.compile("([\\w.$]+)::([\\w$]+|\\*)(\\(([^)]*)\\)(\\S*))?");

    /**
     * @param verb what is to be done to the methods, for the error: {@code trace}, {@code catch}
     * @throws IllegalArgumentException saying what is wrong with {@code text} and what it should look like
     */
    public static TraceSpec parse(String text, String verb) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a method to " + verb + "; write CLASS::METHOD,"
                    + " CLASS::METHOD(String,int) for one overload, or CLASS::* for every method of the class");
        }
        String params = m.group(4);
        String returns = m.group(5);
        if (params == null) {
            return new TraceSpec(m.group(1), m.group(2), Optional.empty(), Optional.empty());
        }
        if (m.group(2).equals("*")) {
            throw new IllegalArgumentException("CLASS::* takes no parameter types: it traces every method");
        }
        if (!returns.isEmpty()) {
            return new TraceSpec(m.group(1), m.group(2), Optional.empty(), Optional.of("(" + params + ")" + returns));
        }
        List<String> types = params.isBlank() ? List.of()
                : Arrays.stream(params.split(",")).map(String::strip).toList();
        return new TraceSpec(m.group(1), m.group(2), Optional.of(types), Optional.empty());
    }

    /** Whether {@code candidate}, a method of the class, is one this spec names. */
    boolean covers(Method candidate) {
        if (candidate.isSynthetic() || candidate.isBridge() || Modifier.isAbstract(candidate.getModifiers())
                || Modifier.isNative(candidate.getModifiers())) {
            return false;
        }
        if (method.equals("*")) {
            return true;
        }
        if (!candidate.getName().equals(method)) {
            return false;
        }
        if (descriptor.isPresent()) {
            return descriptor.get().equals(Type.getMethodDescriptor(candidate));
        }
        if (parameterTypes.isPresent()) {
            Class<?>[] actual = candidate.getParameterTypes();
            List<String> wanted = parameterTypes.get();
            if (actual.length != wanted.size()) {
                return false;
            }
            for (int i = 0; i < actual.length; i++) {
                if (!names(actual[i]).contains(wanted.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The loaded classes of that name, each with the methods this spec names in it.
     *
     * @throws TraceException when none has such a method, saying which methods there are
     */
    public Map<Class<?>, List<Method>> methodsIn(ClassWeaving weaving) throws TraceException {
        Map<Class<?>, List<Method>> methods = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        for (Class<?> type : weaving.classesNamed(className)) {
            List<Method> covered = Arrays.stream(type.getDeclaredMethods()).filter(this::covers).toList();
            if (!covered.isEmpty()) {
                methods.put(type, covered);
            }
            Arrays.stream(type.getDeclaredMethods()).filter(m -> !m.isSynthetic()).forEach(m -> names.add(m.getName()));
        }
        if (methods.isEmpty()) {
            throw new TraceException("no method of " + className + " matches " + this
                    + (names.isEmpty() ? " (it declares none)" : "; it declares: " + String.join(", ", names)));
        }
        return methods;
    }

    /** The spellings of a parameter type that {@code (String,int)} may use. */
    private static List<String> names(Class<?> type) {
        String canonical = type.getCanonicalName();
        return List.of(type.getName(), type.getSimpleName(), type.getTypeName(), canonical == null ? "" : canonical);
    }

    @Override
    public String toString() {
        return className + "::" + method + descriptor.orElse(parameterTypes.map(t -> "(" + String.join(",", t) + ")")
                .orElse(""));
    }
}
