package dev.hotline.server.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class files of the application's other loaders, found in this JVM through the {@link AppClassView}: for
 * each loader, the class files under the package's resource URLs ({@code file:} directories and {@code jar:}
 * entries), then the classes of that package the loader has already loaded, read through
 * {@link ClassLoader#getResourceAsStream}.
 */
public final class LoaderClassFiles implements OtherClassFiles {
    private final AppClassView view;

    public LoaderClassFiles(AppClassView view) {
        this.view = view;
    }

    @Override
    public boolean any() {
        return !view.otherLoaders().isEmpty();
    }

    @Override
    public List<LoaderClassFile> list(String packageName) throws IOException {
        List<LoaderClassFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ClassLoader loader : view.otherLoaders()) {
            for (LoaderClassFile file : classesOf(loader, packageName)) {
                if (names.add(file.binaryName())) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The bytes of class {@code binaryName} from the first other loader that has it; null when none has. */
    public byte[] bytes(String binaryName) throws IOException {
        String resource = binaryName.replace('.', '/') + ".class";
        for (ClassLoader loader : view.otherLoaders()) {
            try (var in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            }
        }
        return null;
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
            String origin = "loader-" + Integer.toHexString(System.identityHashCode(loader)) + "/" + resource;
            files.add(LoaderClassFile.from(origin, c.getName(), () -> loader.getResourceAsStream(resource)));
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
                out.add(LoaderClassFile.from(jarUrl + "!/" + name, binary, classUrl::openStream));
            }
        }
    }
}
