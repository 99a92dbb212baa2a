package dev.hotline.samples.launcher;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts an application from a jar through a class loader of its own, as executable fat jars do: the
 * application's classes are on no class path the JVM knows, and their loader has no name, so nothing about
 * it but its class and where its classes come from is the same in the next run.
 *
 * <p>Usage: {@code java -cp hotline-samples.jar dev.hotline.samples.launcher.Launcher APP.jar MAIN-CLASS [ARGS...]}
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Launcher APP.jar MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()},
                Launcher.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main = loader.loadClass(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
