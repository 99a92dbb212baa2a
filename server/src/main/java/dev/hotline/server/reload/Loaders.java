package dev.hotline.server.reload;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/** How a class loader is named: in reports and {@code --loader} within a run, and in images across runs. */
final class Loaders {
    private Loaders() {
    }

    /**
     * The name for reports and {@code --loader}: {@code app}, {@code platform}, {@code bootstrap}, the loader's
     * own name, or its class and identity (which changes from run to run).
     */
    static String describe(ClassLoader loader) {
        String stable = standardOrNamed(loader);
        return stable != null ? stable : loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    }

    /**
     * A name for the loader of a class that a restart of the same service gives again, for images: the JDK's
     * loaders and named loaders by their names; an unnamed loader (a fat-jar launcher's, a plugin host's) by its
     * class and where the class came from ({@code org.acme.LaunchedClassLoader for file:/srv/app.jar}).
     *
     * @param domain the class's protection domain, for its code source; may be null
     */
    static String stableKey(ClassLoader loader, ProtectionDomain domain) {
        String stable = standardOrNamed(loader);
        if (stable != null) {
            return stable;
        }
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return loader.getClass().getName() + " for " + (location == null ? "an unknown location" : location);
    }

    /** The stable key of the loader that defined {@code type}. */
    static String stableKey(Class<?> type) {
        return stableKey(type.getClassLoader(), type.getProtectionDomain());
    }

    private static String standardOrNamed(ClassLoader loader) {
        if (loader == null) {
            return "bootstrap";
        }
        return loader.getName();
    }
}
