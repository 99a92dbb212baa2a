package dev.hotline.server.eval;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's classes as snippets see them: the system class loader first (with the usual parent
 * delegation), then every other loader the application created, such as a fat-jar launcher, a plugin
 * loader or a nested-jar loader.
 *
 * <p>Other loaders are discovered from the classes the JVM has loaded ({@link Instrumentation}); a loader
 * that has not loaded a class yet is invisible. Discovery is re-run when a lookup misses, at most once a
 * second. When two loaders define the same class name, the one discovered first wins.
 */
public final class AppClassView extends ClassLoader {
    private static final long RESCAN_INTERVAL_NANOS = 1_000_000_000L;

    static {
        registerAsParallelCapable();
    }

    private final Instrumentation instrumentation;
    private volatile List<ClassLoader> otherLoaders = List.of();
    private volatile long lastScan = System.nanoTime() - RESCAN_INTERVAL_NANOS;

    public AppClassView(Instrumentation instrumentation) {
        super("hotline-app-view", ClassLoader.getSystemClassLoader());
        this.instrumentation = instrumentation;
        rescan();
    }

    /** Loaders besides the system loader that hold application classes, in discovery order. */
    public List<ClassLoader> otherLoaders() {
        return otherLoaders;
    }

    /** Loaded classes defined by {@code loader} whose package is {@code packageName}. */
    public List<Class<?>> loadedClasses(ClassLoader loader, String packageName) {
        List<Class<?>> result = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getClassLoader() == loader && !c.isArray() && !c.isHidden() && c.getPackageName().equals(packageName)) {
                result.add(c);
            }
        }
        return result;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> found = findInOthers(name);
        if (found == null && rescanIfDue()) {
            found = findInOthers(name);
        }
        if (found == null) {
            throw new ClassNotFoundException(name);
        }
        return found;
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader loader : otherLoaders) {
            URL url = loader.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        Set<URL> urls = new LinkedHashSet<>();
        for (ClassLoader loader : otherLoaders) {
            urls.addAll(Collections.list(loader.getResources(name)));
        }
        return Collections.enumeration(urls);
    }

    private Class<?> findInOthers(String name) {
        for (ClassLoader loader : otherLoaders) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this loader; try the next
            }
        }
        return null;
    }

    private boolean rescanIfDue() {
        if (System.nanoTime() - lastScan < RESCAN_INTERVAL_NANOS) {
            return false;
        }
        rescan();
        return true;
    }

    private synchronized void rescan() {
        Map<ClassLoader, Boolean> seen = new IdentityHashMap<>();
        List<ClassLoader> found = new ArrayList<>(otherLoaders);
        found.forEach(l -> seen.put(l, true));
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader != null && !seen.containsKey(loader)) {
                seen.put(loader, true);
                if (isApplicationLoader(loader)) {
                    found.add(loader);
                }
            }
        }
        otherLoaders = List.copyOf(found);
        lastScan = System.nanoTime();
    }

    /** False for JDK loaders, Hotline's own loaders and reflection helper loaders. */
    private boolean isApplicationLoader(ClassLoader loader) {
        ClassLoader hotline = AppClassView.class.getClassLoader();
        if (loader == getParent() || loader == ClassLoader.getPlatformClassLoader() || loader == hotline
                || loader == this) {
            return false;
        }
        ClassLoader definer = loader.getClass().getClassLoader();
        if (definer == hotline) {
            return false; // snippet loaders and other Hotline internals
        }
        return !loader.getClass().getName().startsWith("jdk.internal.");
    }
}
