package dev.hotline.client.core;

import dev.hotline.protocol.JsonStrings;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import java.util.Map;

/**
 * Renders replies as JSON for scripts ({@code --json}): a plist becomes an object, a list an array,
 * keywords and symbols strings, {@code nil} an empty array, {@code t} true. Example: the reply
 * {@code (:id 1 :value "2" :type "int")} prints as {@code {"id":1,"value":"2","type":"int"}}.
 */
public final class Json {
    private Json() {
    }

    public static String of(Plist plist) {
        StringBuilder sb = new StringBuilder();
        object(plist.asMap(), sb);
        return sb.toString();
    }

    private static void object(Map<String, Sexp> map, StringBuilder sb) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Sexp> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonStrings.append(e.getKey(), sb);
            sb.append(':');
            value(e.getValue(), sb);
        }
        sb.append('}');
    }

    private static void value(Sexp v, StringBuilder sb) {
        if (v instanceof Sexp.Int i) {
            sb.append(i.value());
        } else if (v instanceof Sexp.Str s) {
            JsonStrings.append(s.value(), sb);
        } else if (v instanceof Sexp.Kw k) {
            JsonStrings.append(k.name(), sb);
        } else if (v.equals(Sexp.T)) {
            sb.append("true");
        } else if (v instanceof Sexp.Sym s) {
            JsonStrings.append(s.name(), sb);
        } else if (v instanceof Sexp.Lst l) {
            if (isPlist(l)) {
                try {
                    object(Plist.from(l).asMap(), sb);
                    return;
                } catch (dev.hotline.protocol.ProtocolException e) {
                    throw new IllegalStateException(e); // isPlist checked the shape
                }
            }
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(l.get(i), sb);
            }
            sb.append(']');
        }
    }

    /**
     * A list reads as a plist when every even element is a keyword and some odd element is not: a list of
     * keywords only, such as a status {@code (:error :done)}, stays an array.
     */
    private static boolean isPlist(Sexp.Lst l) {
        if (l.isEmpty() || l.size() % 2 != 0) {
            return false;
        }
        boolean valueThatIsNotKeyword = false;
        for (int i = 0; i < l.size(); i += 2) {
            if (!(l.get(i) instanceof Sexp.Kw)) {
                return false;
            }
            valueThatIsNotKeyword |= !(l.get(i + 1) instanceof Sexp.Kw);
        }
        return valueThatIsNotKeyword;
    }
}
