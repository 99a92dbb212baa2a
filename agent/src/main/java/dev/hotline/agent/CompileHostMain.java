package dev.hotline.agent;

import java.io.File;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * Starts a compile host ({@code compile=host}): the JVM the agent runs beside the service so that javac stays out
 * of it. Like the agent, it loads the server's classes from inside this jar through an {@link IsolatingClassLoader}
 * and hands over to {@code dev.hotline.server.compilehost.CompileHost}.
 */
public final class CompileHostMain {
    private CompileHostMain() {
    }

    public static void main(String[] args) throws Exception {
        URL location = CompileHostMain.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader loader = new IsolatingClassLoader(new JarFile(new File(location.toURI())), location);
        Class.forName("dev.hotline.server.compilehost.CompileHost", true, loader)
                .getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
