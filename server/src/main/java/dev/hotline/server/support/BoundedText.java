package dev.hotline.server.support;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A value as text for a client (a probe's capture, an inspected object's parts), bounded as the production
 * debuggers bound theirs: a string's first {@value #STRING_CHARS} characters, the first {@value #ITEMS} elements of a collection, a map or an array,
 * {@value #DEPTH} levels of them deep (a whole capture's size is the {@code probe-capture} option's), so neither
 * a huge local nor the work of printing it reaches the client or the probed thread.
 */
public final class BoundedText {
    static final int STRING_CHARS = 256;
    static final int ITEMS = 20;
    static final int DEPTH = 3;

    private BoundedText() {
    }

    /** {@code value} as text, within the bounds; what its own methods throw is said in its place. */
    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        try {
            render(out, value, 1);
        } catch (RuntimeException | LinkageError e) {
            return "<" + value.getClass().getName() + " could not be shown: " + e + ">";
        }
        return out.toString();
    }

    private static void render(StringBuilder out, Object value, int depth) {
        if (value instanceof CharSequence text) {
            out.append('"').append(cut(text.toString()).replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        } else if (value instanceof Character c) {
            out.append('\'').append(c).append('\'');
        } else if (value instanceof Collection<?> collection) {
            items(out, collection.iterator(), collection.size(), depth, "[", "]");
        } else if (value instanceof Map<?, ?> map) {
            items(out, map.entrySet().iterator(), map.size(), depth, "{", "}");
        } else if (value instanceof Map.Entry<?, ?> entry) {
            render(out, entry.getKey(), depth);
            out.append('=');
            render(out, entry.getValue(), depth);
        } else if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            items(out, new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < length;
                }

                @Override
                public Object next() {
                    return Array.get(value, next++);
                }
            }, length, depth, "[", "]");
        } else {
            out.append(cut(String.valueOf(value)));
        }
    }

    /** The first {@link #ITEMS} of {@code size} items, each a level deeper; past {@link #DEPTH}, their count. */
    private static void items(StringBuilder out, Iterator<?> items, int size, int depth, String open, String close) {
        if (depth > DEPTH) {
            out.append(open).append(size).append(size == 1 ? " element" : " elements").append(close);
            return;
        }
        out.append(open);
        int shown = 0;
        while (items.hasNext() && shown < ITEMS) {
            if (shown++ > 0) {
                out.append(", ");
            }
            render(out, items.next(), depth + 1);
        }
        if (size > shown) {
            out.append(shown > 0 ? ", " : "").append("... (").append(size - shown).append(" more)");
        }
        out.append(close);
    }

    private static String cut(String text) {
        return text.length() <= STRING_CHARS ? text
                : text.substring(0, STRING_CHARS) + "... (" + (text.length() - STRING_CHARS) + " more characters)";
    }
}
