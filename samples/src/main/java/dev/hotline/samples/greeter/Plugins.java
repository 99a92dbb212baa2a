package dev.hotline.samples.greeter;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Loads decorator plugins from the jars of a directory, through a class loader of the service's own,
 * as plugin hosts do: the plugins' classes are on no class path the JVM knows about. Each jar lists its
 * {@code UnaryOperator<String>} implementations in {@code META-INF/services/java.util.function.UnaryOperator}.
 */
public final class Plugins {
    /** The loader that holds the plugin classes; null when no plugin directory was given. */
    public static volatile ClassLoader loader;

    /**
     * Decorators applied to every greeting, in load order. Guarded by itself: whoever changes it while the service
     * runs (from Hotline, say) holds its lock, as every greeting does while it applies them.
     */
    public static final List<UnaryOperator<String>> DECORATORS = new ArrayList<>();

    private Plugins() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void load(Path dir) throws IOException {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                jars.add(p.toUri().toURL());
            }
        }
        URLClassLoader pluginLoader = new URLClassLoader("greeter-plugins", jars.toArray(URL[]::new),
                Plugins.class.getClassLoader());
        loader = pluginLoader;
        synchronized (DECORATORS) {
            for (UnaryOperator op : ServiceLoader.load(UnaryOperator.class, pluginLoader)) {
                DECORATORS.add(op);
            }
        }
    }

    static String decorate(String text) {
        synchronized (DECORATORS) {
            for (UnaryOperator<String> d : DECORATORS) {
                text = d.apply(text);
            }
        }
        return text;
    }
}
