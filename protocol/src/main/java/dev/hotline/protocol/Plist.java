package dev.hotline.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A property list {@code (:key value :key value ...)}: the shape of every native request and reply.
 * Keys are keywords, looked up by name without the colon. Order is kept, so a printed plist reads the way
 * it was built.
 */
public final class Plist {
    private final Map<String, Sexp> entries;

    private Plist(Map<String, Sexp> entries) {
        this.entries = entries;
    }

    /**
     * Views a list as a plist.
     *
     * @throws ProtocolException if the list has odd length or a key that is not a keyword
     */
    public static Plist from(Sexp sexp) throws ProtocolException {
        if (!(sexp instanceof Sexp.Lst list)) {
            throw new ProtocolException("expected a property list (:key value ...), got " + sexp.print());
        }
        if (list.size() % 2 != 0) {
            throw new ProtocolException("property list has an odd number of elements");
        }
        Map<String, Sexp> map = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i += 2) {
            if (!(list.get(i) instanceof Sexp.Kw key)) {
                throw new ProtocolException("property list key " + list.get(i).print() + " is not a keyword");
            }
            map.put(key.name(), list.get(i + 1));
        }
        return new Plist(map);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Sexp> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Whether {@code key} holds {@code t}, the protocol's true: absent, {@code nil} or anything else is false. */
    public boolean flag(String key) {
        return Sexp.T.equals(entries.get(key));
    }

    /** A string value, or a keyword's or symbol's name; empty when absent or of another type. */
    public Optional<String> string(String key) {
        Sexp v = entries.get(key);
        if (v instanceof Sexp.Str s) {
            return Optional.of(s.value());
        }
        if (v instanceof Sexp.Kw k) {
            return Optional.of(k.name());
        }
        if (v instanceof Sexp.Sym s) {
            return Optional.of(s.name());
        }
        return Optional.empty();
    }

    public Optional<Long> integer(String key) {
        return entries.get(key) instanceof Sexp.Int i ? Optional.of(i.value()) : Optional.empty();
    }

    /** The names of the keywords in a list value, e.g. {@code :status (:error :done)} gives error, done. */
    public List<String> keywords(String key) {
        return texts(key, item -> item instanceof Sexp.Kw k ? k.name() : null);
    }

    /** The strings in a list value, e.g. {@code :sessions ("main" "tools")}; empty when there is no such list. */
    public List<String> strings(String key) {
        return texts(key, item -> item instanceof Sexp.Str s ? s.value() : null);
    }

    /**
     * The property lists in a list value, e.g. {@code :threads ((:name "main" ...) ...)}; items that are not one are
     * skipped; empty when there is no such list.
     */
    public List<Plist> plists(String key) {
        List<Plist> plists = new ArrayList<>();
        if (entries.get(key) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                try {
                    plists.add(from(item));
                } catch (ProtocolException e) {
                    // not a property list: skipped, as texts skips what is not text
                }
            }
        }
        return plists;
    }

    /** The items of a list value that {@code text} turns into text (null: skipped). */
    private List<String> texts(String key, Function<Sexp, String> text) {
        List<String> texts = new ArrayList<>();
        if (entries.get(key) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                String t = text.apply(item);
                if (t != null) {
                    texts.add(t);
                }
            }
        }
        return texts;
    }

    public Map<String, Sexp> asMap() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    public Sexp.Lst toSexp() {
        List<Sexp> items = new ArrayList<>(entries.size() * 2);
        entries.forEach((k, v) -> {
            items.add(Sexp.kw(k));
            items.add(v);
        });
        return new Sexp.Lst(items);
    }

    @Override
    public String toString() {
        return toSexp().print();
    }

    /** Builds a plist in insertion order; a repeated key replaces the earlier value. */
    public static final class Builder {
        private final Map<String, Sexp> entries = new LinkedHashMap<>();

        public Builder put(String key, Sexp value) {
            entries.put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, Sexp.str(value));
        }

        public Builder put(String key, long value) {
            return put(key, Sexp.integer(value));
        }

        /** Puts the value only when it is present. */
        public Builder putIfPresent(String key, Optional<? extends Sexp> value) {
            value.ifPresent(v -> entries.put(key, v));
            return this;
        }

        public Plist build() {
            return new Plist(new LinkedHashMap<>(entries));
        }
    }
}
