package dev.hotline.server.reload;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles sources for the service, against the application's classes as snippets see them, to bytes in memory,
 * through its {@link SourceCompilation} (javac in the service, or in the compile host): every class of a file,
 * nested, anonymous and local ones included. A reloaded class's release is that of the running class of the
 * same name, so a class compiled for 17 stays 17 on a 25 JVM.
 */
public final class SourceCompiler {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final SourceCompilation compilation;

    public SourceCompiler(SourceCompilation compilation) {
        this.compilation = compilation;
    }

    /** Classes by binary name with the source they came from, or the compile errors (then no classes). */
    public record Result(Map<String, byte[]> classes, Map<String, String> origins, List<String> errors) { }

    Result compile(List<Path> sources, ToIntFunction<String> loadedMajorVersion) throws IOException {
        List<SourceUnit> units = new ArrayList<>();
        for (Path source : sources) {
            units.add(new SourceUnit(source.toAbsolutePath().toUri(), Files.readString(source)));
        }
        Result result = compilation.compile(units, releaseFor(sources.get(0), units.get(0).text(), loadedMajorVersion));
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
        // release 0, javac's own: the compiling JVM, here or the compile host, is the service's JDK
        return compilation.compile(List.of(new SourceUnit(URI.create("string:///" + className + ".java"), source)), 0);
    }

    /** The Java release of the running class this source replaces (from its package and file name); 0: javac's own. */
    private static int releaseFor(Path source, String text, ToIntFunction<String> loadedMajorVersion) {
        Matcher m = PACKAGE.matcher(text);
        String simple = source.getFileName().toString().replaceFirst("\\.java$", "");
        int major = loadedMajorVersion.applyAsInt(m.find() ? m.group(1) + "." + simple : simple);
        return major >= 53 ? major - 44 : 0; // 53 = Java 9, the first release --release accepts
    }
}
