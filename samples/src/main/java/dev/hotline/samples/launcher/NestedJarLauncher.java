package dev.hotline.samples.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Starts an application packed as Spring Boot packs one: the application's own jars lie, unopened, inside an
 * outer jar under {@code BOOT-INF/lib/}, and a class loader of the launcher's reads their classes from there.
 * No class file of the application is on a path the JVM (or any tool) could open; its classes and resources
 * have URLs of a scheme of the loader's own, {@code nested:OUTER.jar/!BOOT-INF/lib/INNER.jar!/NAME}, as Spring
 * Boot 3.2's loader has them.
 *
 * <p>Usage: {@code java -cp hotline-samples.jar dev.hotline.samples.launcher.NestedJarLauncher OUTER.jar
 * MAIN-CLASS [ARGS...]}
 */
public final class NestedJarLauncher extends ClassLoader {
    private final Map<String, byte[]> entries = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();
    private final URLStreamHandler handler = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            String name = url.getPath().substring(url.getPath().lastIndexOf("!/") + 2);
            byte[] bytes = entries.get(name);
            if (bytes == null) {
                throw new IOException("no entry " + name + " in " + url);
            }
            return new URLConnection(url) {
                @Override
                public void connect() {
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }
            };
        }
    };

    private NestedJarLauncher(String outer) throws IOException {
        super("nested-jar", NestedJarLauncher.class.getClassLoader());
        try (ZipFile zip = new ZipFile(outer)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                    read(zip.getInputStream(entry), outer + "/!" + entry.getName());
                }
            }
        }
    }

    private void read(InputStream jar, String origin) throws IOException {
        try (JarInputStream in = new JarInputStream(jar)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                    origins.put(entry.getName(), origin);
                }
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        byte[] bytes = entries.get(resource);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        CodeSource source = new CodeSource(url(origins.get(resource) + "!/"), (Certificate[]) null);
        return defineClass(name, bytes, 0, bytes.length, new ProtectionDomain(source, null, this, null));
    }

    @Override
    protected URL findResource(String name) {
        return entries.containsKey(name) ? url(origins.get(name) + "!/" + name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }

    private URL url(String path) {
        try {
            return new URL("nested", null, -1, path, handler);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: NestedJarLauncher OUTER.jar MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        NestedJarLauncher loader = new NestedJarLauncher(args[0]);
        Thread.currentThread().setContextClassLoader(loader);
        Method main = loader.loadClass(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
