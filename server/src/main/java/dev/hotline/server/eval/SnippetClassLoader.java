package dev.hotline.server.eval;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the classes JShell compiles for a session's snippets. Its parent is the {@link AppClassView},
 * so snippets see the application's classes and live static state; the application never sees snippet
 * classes. {@code /env --class-path} additions land here through {@link #addURL}.
 */
final class SnippetClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> pending = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super("hotline-snippets", new URL[0], parent);
    }

    /** Makes bytes available for {@link #findClass}; JShell hands over a batch before loading any of it. */
    void offer(String name, byte[] bytes) {
        pending.put(name, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = pending.remove(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }
}
