package dev.hotline.server.reload;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * javac in this JVM, compiling to memory against the application's class path and, through the file manager
 * given, the classes of its other loaders. The service uses it with {@code compile=inprocess}, the compile host
 * with {@code compile=host}.
 */
public final class Javac implements SourceCompilation {
    private final Function<StandardJavaFileManager, StandardJavaFileManager> appView;
    private final String classPath;

    /**
     * @param appView wraps javac's file manager so it lists the application's classes
     * @param classPath the application's class path
     */
    public Javac(Function<StandardJavaFileManager, StandardJavaFileManager> appView, String classPath) {
        this.appView = appView;
        this.classPath = classPath;
    }

    @Override
    public SourceCompiler.Result compile(List<SourceUnit> sources, int release) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return new SourceCompiler.Result(Map.of(), Map.of(),
                    List.of("this JVM has no Java compiler (jdk.compiler is missing)"));
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (SourceUnit source : sources) {
            units.add(new SimpleJavaFileObject(source.uri(), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.text();
                }
            });
        }
        return compile(javac, javac.getStandardFileManager(null, Locale.ROOT, null), units, release);
    }

    private SourceCompiler.Result compile(JavaCompiler javac, StandardJavaFileManager standard,
            Iterable<? extends JavaFileObject> units, int release) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH,
                Arrays.stream(classPath.split(File.pathSeparator))
                        .filter(s -> !s.isEmpty()).map(Path::of).toList());
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        try (JavaFileManager files = new InMemoryOutput(appView.apply(standard), outputs)) {
            List<String> options = new ArrayList<>(List.of("-g", "-proc:none", "-implicit:none"));
            if (release > 0) {
                options.addAll(List.of("--release", String.valueOf(release)));
            }
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(where(d) + d.getLineNumber() + ":" + d.getColumnNumber() + ": " + d.getMessage(Locale.ROOT));
                }
            }
            if (!ok || !errors.isEmpty()) {
                return new SourceCompiler.Result(Map.of(), Map.of(), errors.isEmpty() ? List.of("compilation failed") : errors);
            }
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return new SourceCompiler.Result(classes, Map.of(), List.of());
    }

    /** The file a diagnostic is about, {@code /src/Greeter.java:}, or nothing for source given as text. */
    private static String where(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || !"file".equals(d.getSource().toUri().getScheme())) {
            return "";
        }
        return Path.of(d.getSource().toUri()) + ":";
    }

    /** Keeps javac's class output in memory, by binary name. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, ByteArrayOutputStream> outputs;

        InMemoryOutput(JavaFileManager delegate, Map<String, ByteArrayOutputStream> outputs) {
            super(delegate);
            this.outputs = outputs;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("memory:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return outputs.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                }
            };
        }
    }
}
