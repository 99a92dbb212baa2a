package dev.hotline.server.trace;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * The calls a probe's expressions may make without {@code --unsafe}: what reads and cannot change the service.
 * <ul>
 *   <li>any method of the JDK's value types (strings, boxes, {@code Math}, {@code Objects}, {@code Optional},
 *       {@code java.time}, {@code BigDecimal}, streams and collectors), which have no state to change, and
 *       {@code new} of a JDK class;</li>
 *   <li>the read methods of everything else in {@code java.lang} and {@code java.util} (collections, maps,
 *       iterators): {@code size}, {@code isEmpty}, {@code get}, {@code contains}..., by name;</li>
 *   <li>the application's getters ({@code getX()}, {@code isX()}, {@code hasX()} without arguments), its
 *       records' accessors, and {@code toString}, {@code equals}, {@code hashCode}, {@code compareTo}.</li>
 * </ul>
 */
final class ReadOnlyCalls {
    private static final Set<String> VALUE_TYPES = Set.of("java/lang/String", "java/lang/Integer", "java/lang/Long",
            "java/lang/Short", "java/lang/Byte", "java/lang/Double", "java/lang/Float", "java/lang/Boolean",
            "java/lang/Character", "java/lang/Number", "java/lang/Math", "java/lang/StrictMath", "java/util/Objects",
            "java/util/Optional", "java/util/OptionalInt", "java/util/OptionalLong", "java/util/OptionalDouble",
            "java/math/BigDecimal", "java/math/BigInteger", "java/lang/StringBuilder", "java/lang/CharSequence",
            "java/lang/Enum", "java/lang/Record", "java/util/UUID", "java/util/regex/Pattern",
            "java/util/regex/Matcher", "java/lang/invoke/StringConcatFactory");
    private static final Set<String> VALUE_PACKAGES = Set.of("java/time/", "java/util/stream/");
    private static final Set<String> READ_NAMES = Set.of("size", "isEmpty", "get", "getOrDefault", "contains",
            "containsKey", "containsValue", "containsAll", "indexOf", "lastIndexOf", "keySet", "values", "entrySet",
            "getKey", "getValue", "stream", "iterator", "hasNext", "next", "first", "last", "firstKey", "lastKey",
            "peek", "peekFirst", "peekLast", "element", "subList", "headSet", "tailSet", "subSet", "headMap",
            "tailMap", "subMap", "toArray", "name", "ordinal", "getClass", "getName", "getSimpleName", "length",
            "charAt", "toString", "equals", "hashCode", "compareTo", "of", "copyOf", "asList", "deepToString",
            "unmodifiableList", "unmodifiableSet", "unmodifiableMap", "unmodifiableCollection", "emptyList",
            "emptySet", "emptyMap", "singletonList", "singleton", "singletonMap", "max", "min", "frequency",
            "intValue", "longValue", "doubleValue", "booleanValue", "getMessage", "getCause", "getStackTrace",
            "identityHashCode", "currentTimeMillis", "nanoTime", "currentThread", "getId", "threadId", "isAlive",
            "getState", "getPriority", "isDaemon");
    private static final Set<String> ANY_OBJECT_READS = Set.of("toString", "equals", "hashCode", "compareTo",
            "getClass", "length", "size", "isEmpty");

    private final ClassLoader loader;

    /** @param loader resolves the application's classes, to know its records */
    ReadOnlyCalls(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether calling {@code owner.name(desc)} only reads. */
    boolean allows(String owner, String name, String desc) {
        if (name.equals("<init>")) {
            return false; // see constructs
        }
        if (isValueType(owner) || ANY_OBJECT_READS.contains(name)) {
            return true;
        }
        boolean jdk = owner.startsWith("java/lang/") || owner.startsWith("java/util/");
        if (jdk) {
            return READ_NAMES.contains(name);
        }
        boolean noArguments = Type.getArgumentTypes(desc).length == 0;
        boolean getter = noArguments && Type.getReturnType(desc).getSort() != Type.VOID
                && (isBeanName(name, "get") || isBeanName(name, "is") || isBeanName(name, "has"));
        return getter || noArguments && isRecordAccessor(owner, name);
    }

    /** Whether the expressions may make a new {@code owner}: a JDK class, whose constructor touches nothing else. */
    boolean constructs(String owner) {
        return owner.startsWith("java/");
    }

    private static boolean isValueType(String owner) {
        return VALUE_TYPES.contains(owner) || VALUE_PACKAGES.stream().anyMatch(owner::startsWith);
    }

    private static boolean isBeanName(String name, String prefix) {
        return name.length() > prefix.length() && name.startsWith(prefix)
                && Character.isUpperCase(name.charAt(prefix.length()));
    }

    private boolean isRecordAccessor(String owner, String name) {
        try {
            Class<?> type = Class.forName(owner.replace('/', '.'), false, loader);
            RecordComponent[] components = type.getRecordComponents();
            return components != null && Arrays.stream(components).anyMatch(c -> c.getName().equals(name));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
