package dev.hotline.server.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs that JShell compiled once and that can run again as they are: expressions and statements that
 * declare nothing, keyed by their exact source. Running a cached input skips JShell's two or three javac
 * passes, which is nearly all of an evaluation's time (see the bench). Any declaration, drop or replay
 * forgets everything: what a cached snippet refers to may have changed meaning.
 *
 * <p>A cached expression keeps the name JShell first gave its value ({@code $3}), and running it again
 * updates that variable, where JShell would have created {@code $4}; once that temporary variable is dropped
 * (only the latest few are kept) the input still runs from the cache, its value reported without a name.
 * Not thread-safe, like the evaluator.
 */
final class SnippetCache {
    private static final int CAPACITY = 256;

    /**
     * A compiled input: its wrapper class, and what a successful run reports besides the value.
     *
     * @param valueName the variable holding the value ({@code $3}, or {@code x} for {@code x = 5}); null when
     *        there is no value, or its temporary variable was dropped
     */
    record Entry(String wrapperClass, boolean hasValue, String valueName, String type) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    Entry find(String input) {
        return entries.get(key(input));
    }

    void remember(String input, Entry entry) {
        entries.put(key(input), entry);
    }

    void forget(String input) {
        entries.remove(key(input));
    }

    /** The temporary variable {@code name} is being dropped: inputs that reported it now report no name. */
    void unname(String name) {
        entries.replaceAll((input, entry) -> name.equals(entry.valueName())
                ? new Entry(entry.wrapperClass(), entry.hasValue(), null, entry.type()) : entry);
    }

    /** The meaning of names may have changed: a declaration, a drop, a replay. */
    void clear() {
        entries.clear();
    }

    private static String key(String input) {
        return input.strip();
    }
}
