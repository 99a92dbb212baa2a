package dev.hotline.client.dap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;

/**
 * Between the IDE's files and the service's classes: the class a source file declares (for a breakpoint's place),
 * and the source file of a stack frame's class, found under the attach configuration's source roots.
 */
final class SourceMap {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** {@code java.base/java.lang.Thread.run(Thread.java:840)}, {@code a.B.m(B.java:5)}, {@code a.B.m(Native Method)}. */
    private static final Pattern FRAME = Pattern.compile("^(?:[^/(]+/)*([\\w.$]+)\\.([\\w$<>]+)\\(([^:)]*)(?::(\\d+))?\\)$");

    private final List<Path> roots;

    /** @param roots where sources are, in order: the attach configuration's {@code sourceRoots} */
    SourceMap(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** A stack frame's parts, from the text {@link StackTraceElement#toString()} gives. */
    record Frame(String className, String method, String fileName, int line) {
        /** {@code Greeter.greet}, as a call stack shows it. */
        String label() {
            return className.substring(className.lastIndexOf('.') + 1) + "." + method;
        }
    }

    static Optional<Frame> frame(String text) {
        Matcher m = FRAME.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Frame(m.group(1), m.group(2), m.group(3), m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
    }

    /**
     * The class {@code file} declares, by its package line and its name ({@code Greeter.java} in package
     * {@code com.acme} is {@code com.acme.Greeter}); just the file's name when it cannot be read, which the
     * service resolves itself when only one loaded class has that source file.
     */
    static String classOf(Path file) {
        String base = file.getFileName().toString().replaceFirst("\\.java$", "");
        try {
            Matcher m = PACKAGE.matcher(Files.readString(file));
            return m.find() ? m.group(1) + "." + base : base;
        } catch (IOException | RuntimeException e) {
            return file.getFileName().toString();
        }
    }

    /** The place the service's probe op takes for line {@code line} of {@code file}. */
    static String place(Path file, int line) {
        return classOf(file) + ":" + line;
    }

    /** The line of a place, {@code com.acme.Pricing:42}; 0 when it has none. */
    static int lineOf(String place) {
        int colon = place.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(place.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The source of a frame: its file under a source root when there is one, else just its name. */
    Source source(Frame frame) {
        Source source = new Source();
        source.setName(frame.fileName());
        String outer = frame.className().replaceFirst("\\$.*", "");
        int dot = outer.lastIndexOf('.');
        Path relative = Path.of(dot < 0 ? "" : outer.substring(0, dot).replace('.', '/')).resolve(frame.fileName());
        for (Path root : roots) {
            Path candidate = root.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                source.setPath(candidate.toAbsolutePath().toString());
                return source;
            }
        }
        source.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
        return source;
    }
}
