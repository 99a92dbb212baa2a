package dev.hotline.server.trace;

import dev.hotline.server.reload.RedefinitionLog;
import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * The one place where Hotline changes the code of the service's classes for its probes: every kind of probe
 * (method traces, probes at a line) is an {@link Advice} that says what it weaves into a class, and one
 * transformer applies them all, in turn, on every retransformation and hot reload. A class whose last probe
 * ended is retransformed with nothing to weave, which gives it its code back.
 *
 * <p>A retransformation starts from the bytes the JVM kept when the class was first retransformed, and a later
 * {@code redefineClasses} does not replace them: retransforming a class hot-reloaded while it was probed would
 * bring back its code from before the reload. So the retransformations made here start from the reload's bytes
 * where there was one. The transformer is registered only while some advice weaves something.
 */
public final class ClassWeaving {
    /** What one kind of probe weaves. Called on the thread that loads or changes the class. */
    public interface Advice {
        /**
         * The class file with this advice woven in, or null when it has nothing for {@code type}.
         *
         * @param reloaded whether the bytes are a hot reload's new code (else the class's own, retransformed here)
         */
        byte[] weave(Class<?> type, byte[] classFile, boolean reloaded);

        /** Whether it has anything to weave into any class now. */
        boolean weavesAnything();
    }

    private final Instrumentation instrumentation;
    private final RedefinitionLog redefinitions;
    private final List<Advice> advices = new CopyOnWriteArrayList<>();
    /** Classes not loaded yet that a probe waits for, by internal name ({@code com/acme/Orders}). */
    private final Map<String, List<Runnable>> awaited = new ConcurrentHashMap<>();
    private final ClassFileTransformer transformer = new Weaving();
    private volatile Thread retransforming;
    private boolean registered;

    public ClassWeaving(Instrumentation instrumentation, RedefinitionLog redefinitions) {
        this.instrumentation = instrumentation;
        this.redefinitions = redefinitions;
    }

    /**
     * What a kind of probe weaves, as its advice reads it: the id of each woven place (by the advice's own key), by
     * class, copied so that it can be replaced whole while the transformer reads the last one.
     */
    public static <T> Map<Class<?>, Map<String, Integer>> plan(Map<Class<?>, Map<String, T>> woven,
            ToIntFunction<T> id) {
        Map<Class<?>, Map<String, Integer>> plan = new HashMap<>();
        woven.forEach((type, places) -> {
            Map<String, Integer> byKey = new HashMap<>();
            places.forEach((key, place) -> byKey.put(key, id.applyAsInt(place)));
            plan.put(type, Map.copyOf(byKey));
        });
        return Map.copyOf(plan);
    }

    /**
     * Runs {@code onLoad} once a class called {@code binaryName} is being loaded (by any loader), on the loading
     * thread: it should only hand the work to its own thread, which finds the class once it is defined. Costs
     * each class load a map lookup while anything is awaited.
     */
    public synchronized void awaitLoad(String binaryName, Runnable onLoad) {
        awaited.computeIfAbsent(binaryName.replace('.', '/'), k -> new CopyOnWriteArrayList<>()).add(onLoad);
        register();
    }

    /** No longer waits for {@code binaryName} on behalf of {@code onLoad}. */
    public synchronized void stopAwaiting(String binaryName, Runnable onLoad) {
        awaited.computeIfPresent(binaryName.replace('.', '/'), (k, list) -> {
            list.remove(onLoad);
            return list.isEmpty() ? null : list;
        });
        unregisterWhenIdle();
    }

    /** Whether a class called {@code binaryName} is loaded, by any loader. */
    public boolean isLoaded(String binaryName) {
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().equals(binaryName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a class loader that has loaded classes here (or the system one) has a class file for
     * {@code binaryName}: when none has, a probe waiting for it may be waiting for a typo.
     */
    public boolean anyLoaderHas(String binaryName) {
        String resource = binaryName.replace('.', '/') + ".class";
        Set<ClassLoader> loaders = new HashSet<>();
        loaders.add(ClassLoader.getSystemClassLoader());
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getClassLoader() != null && c.getClassLoader() != ClassWeaving.class.getClassLoader()) {
                loaders.add(c.getClassLoader());
            }
        }
        for (ClassLoader loader : loaders) {
            try {
                if (loader.getResource(resource) != null) {
                    return true;
                }
            } catch (RuntimeException | LinkageError e) {
                // a loader that cannot answer does not have it, as far as we can tell
            }
        }
        return false;
    }

    /**
     * Adds a kind of probe that finds its places by the class's own code (a line's instructions), which the other
     * kinds' weaving would change: it is applied before them.
     */
    public void addBeforeOthers(Advice advice) {
        advices.add(0, advice);
    }

    /** Adds a kind of probe; its weaving applies from the next {@link #reweave}, after those added before. */
    public void add(Advice advice) {
        advices.add(advice);
    }

    /**
     * Retransforms {@code classes} after what some advice weaves into them changed.
     *
     * @throws TraceException when the JVM refuses to change one of them
     */
    public synchronized void reweave(Set<Class<?>> classes) throws TraceException {
        if (classes.isEmpty()) {
            return;
        }
        if (advices.stream().anyMatch(Advice::weavesAnything)) {
            register();
        }
        retransforming = Thread.currentThread();
        try {
            instrumentation.retransformClasses(classes.toArray(Class<?>[]::new));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            throw new TraceException("cannot change the code of " + classes.iterator().next().getName() + ": " + e);
        } finally {
            retransforming = null;
            unregisterWhenIdle();
        }
    }

    private void register() {
        if (!registered) {
            instrumentation.addTransformer(transformer, true);
            registered = true;
        }
    }

    /** The transformer goes when nothing is woven and nothing awaited: a class load then costs nothing. */
    private void unregisterWhenIdle() {
        if (registered && awaited.isEmpty() && advices.stream().noneMatch(Advice::weavesAnything)) {
            instrumentation.removeTransformer(transformer);
            registered = false;
        }
    }

    /**
     * The class file the JVM runs for {@code type} (a hot reload's bytes, else its loader's resource), before any
     * probe's weaving, for reading its line numbers and local variables.
     *
     * @throws TraceException when its loader does not give its class file
     */
    public byte[] classFile(Class<?> type) throws TraceException {
        byte[] reloaded = redefinitions.currentBytes(type);
        if (reloaded != null) {
            return reloaded;
        }
        ClassLoader loader = type.getClassLoader();
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new TraceException("the class file of " + type.getName() + " cannot be read from its class"
                        + " loader (a generated class?), so its lines cannot be probed");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TraceException("cannot read the class file of " + type.getName() + ": " + e.getMessage());
        }
    }

    /**
     * The loaded classes called {@code name}: a binary name ({@code com.acme.Orders$Line}, one per loader that has
     * it) or a simple name that only one loaded class has.
     *
     * @throws TraceException when there is none, the name is ambiguous, or a class is Hotline's, java.base's or
     *     one the JVM does not let change
     */
    public List<Class<?>> classesNamed(String name) throws TraceException {
        List<Class<?>> exact = new ArrayList<>();
        Map<String, List<Class<?>>> bySimpleName = new LinkedHashMap<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().equals(name)) {
                exact.add(c);
            } else if (!name.contains(".") && !c.isArray() && c.getName().endsWith(name)
                    && c.getSimpleName().equals(name)) {
                bySimpleName.computeIfAbsent(c.getName(), k -> new ArrayList<>()).add(c);
            }
        }
        if (exact.isEmpty() && bySimpleName.size() > 1) {
            throw new TraceException("more than one loaded class is called " + name + ": "
                    + String.join(", ", bySimpleName.keySet()) + "; give the full name");
        }
        List<Class<?>> found = exact.isEmpty() && bySimpleName.size() == 1 ? bySimpleName.values().iterator().next()
                : exact;
        if (found.isEmpty()) {
            throw new TraceException("no loaded class is called " + name + ". A class can be traced or probed once the"
                    + " service has loaded it (after its first use); give its full name, as in com.acme.Orders or"
                    + " com.acme.Orders$Line");
        }
        for (Class<?> c : found) {
            if (isHotlines(c) || "java.base".equals(c.getModule().getName())) {
                throw new TraceException(c.getName() + " cannot be traced or probed: Hotline's own classes and those"
                        + " of java.base run the probes themselves");
            }
            if (!instrumentation.isModifiableClass(c)) {
                throw new TraceException(c.getName() + " cannot be traced or probed: the JVM does not let it be"
                        + " changed");
            }
        }
        return found;
    }

    /** Hotline's own classes: the server's (its loader's), the agent's bootstrap and the boot classes. */
    private static boolean isHotlines(Class<?> c) {
        return c.getClassLoader() == ClassWeaving.class.getClassLoader() || c.getName().startsWith("dev.hotline.boot.")
                || c.getName().startsWith("dev.hotline.agent.");
    }

    /** Applies every advice, on the retransformations made here and on hot reloads alike. */
    private final class Weaving implements ClassFileTransformer {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                ProtectionDomain domain, byte[] bytes) {
            if (redefined == null) {
                List<Runnable> waiting = className == null ? null : awaited.remove(className);
                if (waiting != null) {
                    waiting.forEach(Runnable::run);
                }
                return null;
            }
            boolean ours = Thread.currentThread() == retransforming;
            byte[] reloaded = ours ? redefinitions.currentBytes(redefined) : null;
            byte[] current = reloaded != null ? reloaded : bytes;
            boolean changed = reloaded != null;
            for (Advice advice : advices) {
                try {
                    byte[] woven = advice.weave(redefined, current, !ours);
                    if (woven != null) {
                        current = woven;
                        changed = true;
                    }
                } catch (RuntimeException | LinkageError e) {
                    ServerLog.warn("cannot weave a probe into " + className + ", it runs without it: " + e);
                }
            }
            return changed ? current : null;
        }
    }
}
