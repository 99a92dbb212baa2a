package dev.hotline.server.eval;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Lets javac compile snippets against classes that are not on {@code java.class.path}: those of every
 * other application loader ({@link OtherClassFiles}: fat jars, nested jars, plugin loaders).
 *
 * <p>When javac lists a package on the class path, the standard results come first, then the other loaders'
 * class files of that package. A class name already listed is not listed again.
 *
 * <p>A package's listing is kept for {@value #LISTING_TTL_MILLIS} ms: javac lists the same packages many times
 * per compile, and each fresh listing searches the loaders' jars and walks every class loaded in the JVM (a
 * third of a new expression's time with a 200-class plugin loader), or asks the service from a compile host.
 * A class that a loader loads for the first time becomes visible to snippets within that time.
 */
public final class AppClassFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    static final long LISTING_TTL_MILLIS = 1000;

    private final OtherClassFiles others;
    private final Map<String, List<LoaderClassFile>> listings = new HashMap<>();
    private long listingsTakenAt;

    AppClassFileManager(StandardJavaFileManager standard, OtherClassFiles others) {
        super(standard);
        this.others = others;
    }

    /** What wraps javac's file manager so that it also lists {@code others}, for a {@code Javac} of sources. */
    public static Function<StandardJavaFileManager, StandardJavaFileManager> wrapping(OtherClassFiles others) {
        return standard -> new AppClassFileManager(standard, others);
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
            boolean recurse) throws IOException {
        Iterable<JavaFileObject> standard = super.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS) || !others.any()) {
            return standard;
        }
        List<JavaFileObject> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JavaFileObject file : standard) {
            result.add(file);
            names.add(inferBinaryName(location, file));
        }
        for (LoaderClassFile file : cachedListing(packageName)) {
            if (names.add(file.binaryName())) {
                result.add(file);
            }
        }
        return result;
    }

    private List<LoaderClassFile> cachedListing(String packageName) throws IOException {
        long now = System.currentTimeMillis();
        if (now - listingsTakenAt > LISTING_TTL_MILLIS) {
            listings.clear();
            listingsTakenAt = now;
        }
        List<LoaderClassFile> files = listings.get(packageName);
        if (files == null) {
            files = others.list(packageName);
            listings.put(packageName, files);
        }
        return files;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof LoaderClassFile ours) {
            return ours.binaryName();
        }
        return super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof LoaderClassFile || b instanceof LoaderClassFile) {
            return a.equals(b);
        }
        return super.isSameFile(a, b);
    }

    // The rest of StandardJavaFileManager, forwarded unchanged.

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }
}
