package dev.hotline.server.display;

import dev.hotline.server.support.BoundedText;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A collection or an array of records, beans or maps as table rows: a record's components, a bean's getters
 * ({@code getX()}, {@code isX()}; classes of the JDK are not beans) or a map's keys are the columns, taken from the
 * first {@value #MAX_ROWS} elements; an element without a column has an empty cell there.
 *
 * @param total how many elements there are in all
 */
record Rows(List<String> columns, List<List<String>> cells, long total) {
    static final int MAX_ROWS = 100;
    private static final int CELL_CHARS = 256;

    /** The rows of {@code value}; empty when it is not a collection or array of records, beans or maps. */
    static Optional<Rows> of(Object value) {
        List<Object> elements = new ArrayList<>();
        long total;
        if (value instanceof Collection<?> collection) {
            total = collection.size();
            for (Object element : collection) {
                if (elements.size() == MAX_ROWS) {
                    break;
                }
                elements.add(element);
            }
        } else if (value != null && value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            total = Array.getLength(value);
            for (int i = 0; i < Math.min(total, MAX_ROWS); i++) {
                elements.add(Array.get(value, i));
            }
        } else {
            return Optional.empty();
        }
        if (elements.isEmpty() || !elements.stream().allMatch(Rows::hasColumns)) {
            return Optional.empty();
        }
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, Object>> rows = elements.stream().map(Rows::columnsOf).toList();
        rows.forEach(row -> columns.addAll(row.keySet()));
        List<List<String>> cells = rows.stream().map(row -> columns.stream()
                .map(c -> row.containsKey(c) ? cell(row.get(c)) : "").toList()).toList();
        return Optional.of(new Rows(List.copyOf(columns), cells, total));
    }

    /** A value as a table cell: a string as it is (cut to {@value #CELL_CHARS} characters), others bounded. */
    static String cell(Object value) {
        if (value instanceof CharSequence text) {
            String s = text.toString();
            return s.length() <= CELL_CHARS ? s : s.substring(0, CELL_CHARS) + "…";
        }
        return BoundedText.of(value);
    }

    private static boolean hasColumns(Object element) {
        return element instanceof Map<?, ?> || element instanceof Record || !getters(element).isEmpty();
    }

    private static Map<String, Object> columnsOf(Object element) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (element instanceof Map<?, ?> map) {
            map.forEach((k, v) -> row.put(String.valueOf(k), v));
        } else if (element instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                row.put(component.getName(), read(component.getAccessor(), record));
            }
        } else {
            getters(element).forEach((name, getter) -> row.put(name, read(getter, element)));
        }
        return row;
    }

    /** A bean's properties by name, in name order; none for null and for the JDK's own classes. */
    private static Map<String, Method> getters(Object element) {
        Map<String, Method> getters = new TreeMap<>();
        if (element == null || isJdk(element.getClass())) {
            return getters;
        }
        for (Method m : element.getClass().getMethods()) {
            String name = m.getName();
            int prefix = name.startsWith("get") ? 3 : name.startsWith("is") ? 2 : 0;
            if (prefix > 0 && name.length() > prefix && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() != void.class && !name.equals("getClass")) {
                getters.put(Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1), m);
            }
        }
        return getters;
    }

    /** The JDK's own classes (a String has getBytes(), a Date getTime()): values, not beans. */
    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private static Object read(Method accessor, Object target) {
        try {
            accessor.setAccessible(true); // records and beans declared in a session are not public
            return accessor.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable why = e instanceof InvocationTargetException t ? t.getCause() : e;
            return "<" + why + ">";
        }
    }
}
