package dev.hotline.server.inspect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The objects one client was shown and may look inside later, by number (a debugger's {@code variablesReference}).
 * They are held for as long as the client's connection lasts, up to {@value #LIMIT}: past that, the oldest are let
 * go, so a client that expands without end cannot hold the service's heap.
 */
public final class HeldObjects {
    /** How many objects one connection holds at most. */
    public static final int LIMIT = 100_000;

    private final Map<Long, Object> held = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
            return size() > LIMIT;
        }
    };
    private long next = 1;

    /** Holds {@code value} (not null) and returns its number. */
    public synchronized long hold(Object value) {
        long number = next++;
        held.put(number, value);
        return number;
    }

    /** The object numbered {@code number}; empty when it was never given or has been let go. */
    public synchronized Optional<Object> get(long number) {
        return Optional.ofNullable(held.get(number));
    }

    /** Lets every object go: the connection has closed. */
    public synchronized void clear() {
        held.clear();
    }
}
