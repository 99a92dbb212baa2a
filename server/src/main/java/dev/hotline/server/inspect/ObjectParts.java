package dev.hotline.server.inspect;

import dev.hotline.server.support.BoundedText;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * What a debugger shows of an object and finds inside it: an array's, a collection's or a map's elements by
 * index (a page at a time, so a list of a million is opened a hundred at a time), a map entry's key and value,
 * and any other object's fields, its superclasses' too. The app's own {@code toString}, {@code size} and
 * {@code get} are called: what they throw is shown in the value's place.
 */
public final class ObjectParts {
    private ObjectParts() {
    }

    /**
     * One part of an object, or a value shown to a client.
     *
     * @param name the field's name, {@code [3]} for an element, {@code key} or {@code value} for an entry's
     * @param text the value as text, bounded ({@link BoundedText})
     * @param type the value's class (or the field's type when the value is null)
     * @param value what a client may look inside, or null for a value with no parts (null, a string, a number)
     */
    public record Part(String name, String text, String type, Object value) {
    }

    /**
     * {@code value} as a part named {@code name}: its type is the value's class, or the declared one for a null
     * and for a primitive (an {@code int} field, an {@code int[]}'s element).
     */
    private static Part part(String name, Object value, Class<?> declared) {
        String type = value == null || declared.isPrimitive() ? declared.getTypeName() : value.getClass().getTypeName();
        return new Part(name, BoundedText.of(value), type, hasParts(value) ? value : null);
    }

    /** Whether a client can look inside {@code value}: not null, not a string, a number, a boolean or an enum. */
    public static boolean hasParts(Object value) {
        return value != null && !(value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || value instanceof Class<?>);
    }

    /** How many parts {@code value} has by index: an array's, a collection's or a map's size; else 0. */
    public static int indexedCount(Object value) {
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value);
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        return value instanceof Map<?, ?> map ? map.size() : 0;
    }

    /** How many parts {@code value} has by name: a map entry's two, or any other object's fields. */
    public static int namedCount(Object value) {
        if (!hasParts(value) || indexedCount(value) > 0 || value instanceof Collection<?> || value instanceof Map<?, ?>
                || value.getClass().isArray()) {
            return 0;
        }
        return value instanceof Map.Entry<?, ?> ? 2 : fields(value.getClass()).size();
    }

    /** The indexed parts {@code start} to {@code start + count} (fewer at the end). */
    public static List<Part> indexed(Object value, int start, int count) {
        List<Part> parts = new ArrayList<>();
        int end = (int) Math.min((long) start + count, indexedCount(value));
        if (end <= start) {
            return parts;
        }
        if (value.getClass().isArray()) {
            Class<?> type = value.getClass().getComponentType();
            for (int i = start; i < end; i++) {
                parts.add(part("[" + i + "]", Array.get(value, i), type));
            }
        } else if (value instanceof List<?> list && list instanceof RandomAccess) {
            for (int i = start; i < end; i++) {
                parts.add(part("[" + i + "]", list.get(i), Object.class));
            }
        } else {
            Iterator<?> items = value instanceof Map<?, ?> map ? map.entrySet().iterator()
                    : ((Collection<?>) value).iterator();
            for (int i = 0; i < end && items.hasNext(); i++) {
                Object item = items.next();
                if (i >= start) {
                    parts.add(part("[" + i + "]", item, Object.class));
                }
            }
        }
        return parts;
    }

    /** The named parts: a map entry's key and value, or the fields, the class's own first, then its superclasses'. */
    public static List<Part> named(Object value) {
        if (value instanceof Map.Entry<?, ?> entry) {
            return List.of(part("key", entry.getKey(), Object.class), part("value", entry.getValue(), Object.class));
        }
        List<Part> parts = new ArrayList<>();
        for (Field field : fields(value.getClass())) {
            parts.add(field(value, field));
        }
        return parts;
    }

    private static Part field(Object owner, Field field) {
        String type = field.getType().getTypeName();
        try {
            if (!field.trySetAccessible()) {
                return new Part(field.getName(), "(not readable: " + field.getDeclaringClass().getModule()
                        + " does not open " + field.getDeclaringClass().getPackageName() + ")", type, null);
            }
            return part(field.getName(), field.get(owner), field.getType());
        } catch (IllegalAccessException | InaccessibleObjectException | SecurityException e) {
            return new Part(field.getName(), "(not readable: " + e.getMessage() + ")", type, null);
        }
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }
}
