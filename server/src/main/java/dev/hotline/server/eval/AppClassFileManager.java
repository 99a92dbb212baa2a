package dev.hotline.server.eval;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Lets javac compile snippets against classes that are not on {@code java.class.path}: those of every
 * other application loader known to the {@link AppClassView} (fat jars, nested jars, plugin loaders).
 *
 * <p>When javac lists a package on the class path, the standard results come first; then, for each other
 * loader, the class files found under that package's resource URLs ({@code file:} directories and
 * {@code jar:} entries) and the classes of that package the loader has already loaded, read through
 * {@link ClassLoader#getResourceAsStream}. A class name already listed is not listed again.
 *
 * <p>A loader's listing of a package is kept for {@value #LISTING_TTL_MILLIS} ms: javac lists the same
 * packages many times per compile, and each fresh listing searches the loader's jars and walks every class
 * loaded in the JVM (a third of a new expression's time with a 200-class plugin loader). A class that a loader
 * loads for the first time becomes visible to snippets within that time.
 */
final class AppClassFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    static final long LISTING_TTL_MILLIS = 1000;

    private final AppClassView view;
    private final Map<ClassLoader, Map<String, List<LoaderClassFile>>> listings = new HashMap<>();
    private long listingsTakenAt;

    AppClassFileManager(StandardJavaFileManager standard, AppClassView view) {
        super(standard);
        this.view = view;
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
            boolean recurse) throws IOException {
        Iterable<JavaFileObject> standard = super.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)
                || view.otherLoaders().isEmpty()) {
            return standard;
        }
        List<JavaFileObject> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JavaFileObject file : standard) {
            result.add(file);
            names.add(inferBinaryName(location, file));
        }
        for (ClassLoader loader : view.otherLoaders()) {
            for (LoaderClassFile file : cachedClassesOf(loader, packageName)) {
                if (names.add(file.binaryName())) {
                    result.add(file);
                }
            }
        }
        return result;
    }

    private List<LoaderClassFile> cachedClassesOf(ClassLoader loader, String packageName) throws IOException {
        long now = System.currentTimeMillis();
        if (now - listingsTakenAt > LISTING_TTL_MILLIS) {
            listings.clear();
            listingsTakenAt = now;
        }
        Map<String, List<LoaderClassFile>> byPackage = listings.computeIfAbsent(loader, l -> new HashMap<>());
        List<LoaderClassFile> files = byPackage.get(packageName);
        if (files == null) {
            files = classesOf(loader, packageName);
            byPackage.put(packageName, files);
        }
        return files;
    }

    private List<LoaderClassFile> classesOf(ClassLoader loader, String packageName) throws IOException {
        List<LoaderClassFile> files = new ArrayList<>();
        String dir = packageName.replace('.', '/');
        for (URL url : Collections.list(loader.getResources(dir))) {
            switch (url.getProtocol()) {
                case "file" -> listDirectory(url, packageName, files);
                case "jar" -> listJar(url, dir, packageName, files);
                default -> { } // other schemes are covered by the loaded-class fallback below
            }
        }
        for (Class<?> c : view.loadedClasses(loader, packageName)) {
            String resource = c.getName().replace('.', '/') + ".class";
            URI uri = syntheticUri("loader-" + Integer.toHexString(System.identityHashCode(loader)) + "/" + resource);
            files.add(new LoaderClassFile(uri, c.getName(), () -> loader.getResourceAsStream(resource)));
        }
        return files;
    }

    private static void listDirectory(URL url, String packageName, List<LoaderClassFile> out) {
        Path dir;
        try {
            dir = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().endsWith(".class")).forEach(p -> {
                String simple = p.getFileName().toString().replace(".class", "");
                out.add(new LoaderClassFile(p.toUri(), packageName + "." + simple, () -> Files.newInputStream(p)));
            });
        } catch (IOException | UncheckedIOException e) {
            // an unreadable directory contributes nothing
        }
    }

    private static void listJar(URL url, String dir, String packageName, List<LoaderClassFile> out)
            throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(true);
        JarFile jar = connection.getJarFile();
        String jarUrl = connection.getJarFileURL().toString();
        String prefix = dir + "/";
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.startsWith(prefix) && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0) {
                String binary = packageName + "." + name.substring(prefix.length(), name.length() - ".class".length());
                URL classUrl = new URL("jar:" + jarUrl + "!/" + name);
                out.add(new LoaderClassFile(syntheticUri(jarUrl + "!/" + name), binary, classUrl::openStream));
            }
        }
    }

    /**
     * javac's file objects need a URI with a path, which {@code jar:} URLs lack: this one keeps the origin
     * readable in error messages ({@code hotline-class:/file:/app.jar!/com/x/A.class}).
     */
    private static URI syntheticUri(String origin) {
        try {
            return new URI("hotline-class", null, "/" + origin, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot name class file " + origin, e);
        }
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
