package dev.hotline.server.reload;

import java.io.IOException;
import java.util.List;

/**
 * Where javac compiles sources to class bytes, against the application's classes as snippets see them: in the
 * service ({@link Javac}) or in its compile host.
 */
public interface SourceCompilation {

    /**
     * Compiles {@code units} together to bytes in memory: every class of them, nested, anonymous and local ones
     * included, by binary name, or javac's errors ({@code FILE:LINE:COLUMN: message}, the file left out for
     * units that are not files) and no classes.
     *
     * @param release the Java release to compile for ({@code --release}); 0 for javac's own
     * @throws IOException when the compiler cannot be reached
     */
    SourceCompiler.Result compile(List<SourceUnit> units, int release) throws IOException;
}
