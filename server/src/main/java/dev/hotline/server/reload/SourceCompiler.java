package dev.hotline.server.reload;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Compiles source files inside the target, against the application's classes as snippets see them (the
 * {@code fileManager} given), to bytes in memory: every class of the file, nested, anonymous and local ones
 * included. The release is that of the running class of the same name, so a class compiled for 17 stays 17
 * on a 25 JVM.
 */
public final class SourceCompiler {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Function<StandardJavaFileManager, StandardJavaFileManager> appView;

    /** @param appView wraps javac's file manager so it lists the application's classes */
    public SourceCompiler(Function<StandardJavaFileManager, StandardJavaFileManager> appView) {
        this.appView = appView;
    }

    /** Classes by binary name with the source they came from, or the compile errors (then no classes). */
    public record Result(Map<String, byte[]> classes, Map<String, String> origins, List<String> errors) { }

    Result compile(List<Path> sources, ToIntFunction<String> loadedMajorVersion) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return noCompiler();
        }
        StandardJavaFileManager standard = javac.getStandardFileManager(null, Locale.ROOT, null);
        Result result = compile(javac, standard, standard.getJavaFileObjectsFromPaths(sources),
                releaseFor(sources.get(0), loadedMajorVersion));
        Map<String, String> origins = new LinkedHashMap<>();
        result.classes().keySet().forEach(name ->
                origins.put(name, sources.size() == 1 ? sources.get(0).toString() : String.valueOf(sources)));
        return new Result(result.classes(), origins, result.errors());
    }

    /**
     * Compiles one class from source text, for the running JVM's own release: how a trace's condition is
     * compiled. Errors name the line and column within {@code source}.
     *
     * @param className the binary name of the class {@code source} declares (in the unnamed package)
     */
    public Result compile(String className, String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return noCompiler();
        }
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        return compile(javac, javac.getStandardFileManager(null, Locale.ROOT, null), List.of(unit), 0);
    }

    private static Result noCompiler() {
        return new Result(Map.of(), Map.of(), List.of("this JVM has no Java compiler (jdk.compiler is missing)"));
    }

    private Result compile(JavaCompiler javac, StandardJavaFileManager standard,
            Iterable<? extends JavaFileObject> units, int release) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH,
                Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
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
                return new Result(Map.of(), Map.of(), errors.isEmpty() ? List.of("compilation failed") : errors);
            }
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return new Result(classes, Map.of(), List.of());
    }

    /** The file a diagnostic is about, {@code /src/Greeter.java:}, or nothing for source given as text. */
    private static String where(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || !"file".equals(d.getSource().toUri().getScheme())) {
            return "";
        }
        return Path.of(d.getSource().toUri()) + ":";
    }

    /** The Java release of the running class this source replaces (from its package and file name); 0: javac's own. */
    private static int releaseFor(Path source, ToIntFunction<String> loadedMajorVersion) throws IOException {
        Matcher m = PACKAGE.matcher(Files.readString(source));
        String simple = source.getFileName().toString().replaceFirst("\\.java$", "");
        int major = loadedMajorVersion.applyAsInt(m.find() ? m.group(1) + "." + simple : simple);
        return major >= 53 ? major - 44 : 0; // 53 = Java 9, the first release --release accepts
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
