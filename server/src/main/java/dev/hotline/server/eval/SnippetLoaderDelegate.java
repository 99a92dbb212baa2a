package dev.hotline.server.eval;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * JShell's hook for installing snippet classes in this JVM. The JDK's own delegate is package-private on
 * 17 and sets the calling thread's context class loader as a side effect; this one does neither.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    SnippetLoaderDelegate(ClassLoader appView) {
        this.loader = new SnippetClassLoader(appView);
    }

    SnippetClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        for (ClassBytecodes cbc : cbcs) {
            loader.offer(cbc.name(), cbc.bytecodes());
        }
        boolean[] installed = new boolean[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            try {
                classes.put(cbcs[i].name(), loader.loadClass(cbcs[i].name()));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load snippet class " + cbcs[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        // Snippet classes are never redefined in place: JShell loads a fresh wrapper class instead.
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String element : path.split(java.io.File.pathSeparator)) {
                if (!element.isEmpty()) {
                    loader.addURL(Path.of(element).toUri().toURL());
                }
            }
        } catch (MalformedURLException | RuntimeException e) {
            throw new InternalException("bad class path element in " + path + ": " + e.getMessage());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = classes.get(name);
        if (c == null) {
            throw new ClassNotFoundException(name + " was not loaded by this session");
        }
        return c;
    }
}
