package dev.hotline.server.eval;

import java.io.IOException;
import java.util.List;

/**
 * The application's class files that javac cannot find on the class path: those of the other loaders the
 * application created (fat jars, nested jars, plugin loaders). Listed by package, uncached:
 * {@link AppClassFileManager} keeps listings for a short while.
 */
public interface OtherClassFiles {

    /** Whether there may be any such classes at all; when not, javac's class path is the whole story. */
    boolean any();

    /** The class files of {@code packageName}, each under its binary name; the first of a name wins. */
    List<LoaderClassFile> list(String packageName) throws IOException;
}
