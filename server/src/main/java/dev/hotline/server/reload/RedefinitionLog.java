package dev.hotline.server.reload;

import java.security.ProtectionDomain;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The latest successful redefinition of each class in each loader: class, loader, bytes, where the bytes came from,
 * when, in the order they were last redefined; and how many redefinitions there were in all. This is what an image
 * keeps of hot reloads. Earlier redefinitions of a class are not kept, so a service reloaded all day holds one
 * entry per class. It also knows each redefined class's current bytes, which the class loader (still serving the
 * original file) does not.
 */
public final class RedefinitionLog {
    /**
     * One redefinition. {@code loader} names the class's loader so that a restart finds it again (see
     * {@link Loaders#stableKey}); {@code origin} is the file (or source file) the bytes came from.
     */
    public record Entry(String className, String loader, byte[] bytes, String origin, Instant at) { }

    private final Map<String, Entry> latest = new LinkedHashMap<>(); // guarded by this
    private long count; // guarded by this
    private final Map<Class<?>, byte[]> current = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Class<?>, byte[]> previous = Collections.synchronizedMap(new WeakHashMap<>());

    void record(Class<?> type, byte[] bytes, String origin) {
        byte[] before = current.put(type, bytes);
        if (before != null) {
            previous.put(type, before);
        } else {
            previous.remove(type);
        }
        add(new Entry(type.getName(), Loaders.stableKey(type), bytes, origin, Instant.now()));
    }

    void recordLoaded(String className, ClassLoader loader, ProtectionDomain domain, byte[] bytes, String origin) {
        add(new Entry(className, Loaders.stableKey(loader, domain), bytes, origin, Instant.now()));
    }

    private synchronized void add(Entry entry) {
        String key = entry.className() + "\u0000" + entry.loader();
        latest.remove(key); // the order is that of the latest redefinitions
        latest.put(key, entry);
        count++;
    }

    /** The bytes this class was last redefined with, or null if it never was. */
    public byte[] currentBytes(Class<?> type) {
        return current.get(type);
    }

    /**
     * The bytes this class had before its last redefinition, when that was itself a redefinition; null when the
     * last redefinition was its first (it had its loader's class file before) or it never was redefined.
     */
    byte[] previousBytes(Class<?> type) {
        return previous.get(type);
    }

    /** Whether this class was ever redefined. */
    boolean wasRedefined(Class<?> type) {
        return current.containsKey(type);
    }

    /** How many redefinitions there were, each class's earlier ones included. */
    public synchronized long count() {
        return count;
    }

    /** The last redefinition of each class in each loader: what an image keeps. */
    public synchronized List<Entry> latest() {
        return List.copyOf(latest.values());
    }
}
