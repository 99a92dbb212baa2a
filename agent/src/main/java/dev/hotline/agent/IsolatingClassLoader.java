package dev.hotline.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads Hotline's server and its dependencies from inside the agent jar, where they sit under a prefix
 * ({@code hotline-server/}) that no other loader looks at. Its parent is the platform loader, so the
 * application's classes, including its own Netty, are invisible to Hotline and Hotline's are invisible to
 * the application.
 *
 * <p>One exception to "parent first, then us": JDK modules that the JDK itself defines to the application
 * class loader ({@code jdk.jshell}, {@code jdk.compiler}, {@code jdk.attach}...). Their packages are loaded
 * through that loader, which for those packages only ever answers with JDK classes.
 */
final class IsolatingClassLoader extends ClassLoader {
    static final String PREFIX = "hotline-server/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final URL jarUrl;
    private final ProtectionDomain domain;
    private final Map<String, ClassLoader> jdkPackagesOnAppLoader = new HashMap<>();

    IsolatingClassLoader(JarFile jar, URL jarUrl) {
        super("hotline", ClassLoader.getPlatformClassLoader());
        this.jar = jar;
        this.jarUrl = jarUrl;
        this.domain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
        for (Module module : ModuleLayer.boot().modules()) {
            ClassLoader loader = module.getClassLoader();
            ModuleDescriptor descriptor = module.getDescriptor();
            if (loader == ClassLoader.getSystemClassLoader() && descriptor != null
                    && (module.getName().startsWith("jdk.") || module.getName().startsWith("java."))) {
                module.getPackages().forEach(p -> jdkPackagesOnAppLoader.put(p, loader));
            }
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                int dot = name.lastIndexOf('.');
                ClassLoader jdkLoader = dot < 0 ? null : jdkPackagesOnAppLoader.get(name.substring(0, dot));
                if (jdkLoader != null) {
                    c = Class.forName(name, false, jdkLoader);
                } else {
                    try {
                        c = getParent().loadClass(name);
                    } catch (ClassNotFoundException e) {
                        c = findClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = readExactly(in, entry.getSize());
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": cannot read it from " + jarUrl, e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException e) {
                    // defined concurrently
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    /**
     * The entry's bytes in an array of exactly its size when the jar records it: every byte the agent allocates
     * before the service's first collection stays resident, and reading chunk by chunk would allocate the
     * server's classes three times over.
     */
    private static byte[] readExactly(InputStream in, long size) throws IOException {
        if (size < 0 || size > Integer.MAX_VALUE) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) size];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read != bytes.length) {
            throw new IOException("truncated entry: " + read + " of " + size + " bytes");
        }
        return bytes;
    }

    @Override
    protected URL findResource(String name) {
        if (jar.getJarEntry(PREFIX + name) == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + PREFIX + name);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
    }
}
