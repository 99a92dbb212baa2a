package dev.hotline.server.reload;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New bytes for classes that were not loaded yet when they were reloaded: a transformer hands them to the JVM
 * when the class first loads (in whatever loader loads it, or only in the one named), so the class is born
 * with the new code. Applied once, then recorded as a redefinition.
 */
public final class PendingRedefinitions implements ClassFileTransformer {
    private record Pending(byte[] bytes, String loader, String origin) { }

    /**
     * A class still waiting: its name, the loader it waits for (null: any; else as {@code --loader} names it
     * within a run, or as an image names it, {@link Loaders#stableKey}), its bytes and their origin.
     */
    public record Waiting(String className, String loader, byte[] bytes, String origin) { }

    private final Map<String, Pending> byInternalName = new ConcurrentHashMap<>();
    private final RedefinitionLog log;

    PendingRedefinitions(RedefinitionLog log) {
        this.log = log;
    }

    /** Gives {@code className} these bytes when it loads, in the loader so described (null: any). */
    public void add(String className, byte[] bytes, String loader, String origin) {
        byInternalName.put(className.replace('.', '/'), new Pending(bytes, loader, origin));
    }

    public List<Waiting> waiting() {
        return byInternalName.entrySet().stream().map(e -> new Waiting(e.getKey().replace('/', '.'),
                e.getValue().loader(), e.getValue().bytes(), e.getValue().origin())).toList();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classfileBuffer) {
        if (classBeingRedefined != null || className == null) {
            return null;
        }
        Pending pending = byInternalName.get(className);
        if (pending == null || (pending.loader() != null && !pending.loader().equals(Loaders.describe(loader))
                && !pending.loader().equals(Loaders.stableKey(loader, domain)))) {
            return null;
        }
        byInternalName.remove(className, pending);
        log.recordLoaded(className.replace('/', '.'), loader, domain, pending.bytes(), pending.origin());
        return pending.bytes();
    }
}
