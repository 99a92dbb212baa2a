package dev.hotline.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * The agent's entry points. {@code premain} (at launch) and {@code agentmain} (on attach) return at once:
 * they parse the options and start the server on a named daemon thread, so the application's start is
 * not held up. Loading the agent again in the same JVM reuses the class loader and so the running server,
 * which reports where it listens instead of starting a second one.
 */
public final class HotlineAgent {
    private static final String ENTRY_CLASS = "dev.hotline.server.AgentEntry";
    private static IsolatingClassLoader loader;

    private HotlineAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        launch(args, instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        launch(args, instrumentation);
    }

    private static void launch(String args, Instrumentation instrumentation) {
        Map<String, String> options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline: not started: " + e.getMessage());
            return;
        }
        Thread starter = new Thread(() -> start(options, instrumentation), "hotline-agent-start");
        starter.setDaemon(true);
        starter.start();
    }

    private static void start(Map<String, String> options, Instrumentation instrumentation) {
        try {
            Class<?> entry = Class.forName(ENTRY_CLASS, true, loader());
            Object report = entry.getMethod("start", Map.class, Instrumentation.class)
                    .invoke(null, options, instrumentation);
            if (String.valueOf(report).startsWith("already")) {
                System.err.println("hotline: " + report);
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            System.err.println("hotline: not started: " + e.getCause().getMessage());
        } catch (Exception | LinkageError e) {
            System.err.println("hotline: not started: " + e);
        }
    }

    private static synchronized ClassLoader loader() throws Exception {
        if (loader == null) {
            URL location = HotlineAgent.class.getProtectionDomain().getCodeSource().getLocation();
            JarFile jar = new JarFile(new File(location.toURI()));
            loader = new IsolatingClassLoader(jar, location);
        }
        return loader;
    }
}
