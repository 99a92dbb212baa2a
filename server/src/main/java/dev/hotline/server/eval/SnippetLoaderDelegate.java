package dev.hotline.server.eval;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * JShell's hook for installing snippet classes in this JVM. The JDK's own delegate is package-private on
 * 17 and sets the calling thread's context class loader as a side effect; this one does neither.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {
    /** JShell's top-level wrapper classes; each holds a snippet, and a variable snippet's value in a field. */
    private static final Pattern WRAPPER_CLASS = Pattern.compile("REPL\\.\\$JShell\\$\\d+");

    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<String, Field> variables = new ConcurrentHashMap<>();

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
                Class<?> installedClass = loader.loadClass(cbcs[i].name());
                classes.put(cbcs[i].name(), installedClass);
                recordVariables(installedClass);
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load snippet class " + cbcs[i].name() + ": " + e, installed);
            }
        }
    }

    /**
     * The static field that holds the variable {@code name} as last declared, if a snippet declared one. JShell
     * declares a variable again in a new wrapper class, so the latest class wins.
     */
    Optional<Field> variableField(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    private void recordVariables(Class<?> installed) {
        if (!WRAPPER_CLASS.matcher(installed.getName()).matches()) {
            return;
        }
        for (Field field : installed.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.trySetAccessible()) {
                variables.put(field.getName(), field);
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
            for (String element : path.split(File.pathSeparator)) {
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
