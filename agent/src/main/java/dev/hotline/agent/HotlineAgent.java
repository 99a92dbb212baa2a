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
 *
 * <p>{@code premain} first does, synchronously, what must happen before the application's {@code main}: with
 * {@code daemon=true} (what {@code hotline start} and {@code hotline run} pass) it takes the service's lock and
 * writes its pid file, and if another instance holds the lock this JVM exits with status
 * {@value #ALREADY_RUNNING}; with {@code image=FILE} it registers the image's classes to be redefined as
 * they load.
 */
public final class HotlineAgent {
    /** Exit status of a JVM started as a daemon whose service is already running (EX_TEMPFAIL). */
    static final int ALREADY_RUNNING = 75;
    private static final String ENTRY_CLASS = "dev.hotline.server.AgentEntry";

    private static IsolatingClassLoader loader;

    private HotlineAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        Map<String, String> options = parse(args);
        if (options == null) {
            return;
        }
        if (options.containsKey("daemon") || options.containsKey("image")) {
            String refusal = beforeMain(options, instrumentation);
            if (refusal != null) {
                System.err.println("hotline: not starting: " + refusal);
                System.exit(ALREADY_RUNNING);
            }
        }
        startServer(options, instrumentation);
    }

    /**
     * Attached to a running JVM: someone is about to evaluate, so unless told otherwise ({@code warm-up=false})
     * the server compiles a first snippet right away and the first evaluation does not wait for javac to start.
     */
    public static void agentmain(String args, Instrumentation instrumentation) {
        Map<String, String> options = parse(args);
        if (options != null) {
            Map<String, String> attached = new java.util.LinkedHashMap<>(options);
            attached.putIfAbsent("warm-up", "true");
            attached.put("attached", "true");
            startServer(attached, instrumentation);
        }
    }

    /** The options, or null (after saying why on stderr) when they cannot be read. */
    private static Map<String, String> parse(String args) {
        try {
            return AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline: not started: " + e.getMessage());
            return null;
        }
    }

    /** Null when the JVM may go on to {@code main}, else why it must not run as the service. */
    private static String beforeMain(Map<String, String> options, Instrumentation instrumentation) {
        try {
            return (String) Class.forName(ENTRY_CLASS, true, loader())
                    .getMethod("beforeMain", Map.class, Instrumentation.class).invoke(null, options, instrumentation);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (Exception | LinkageError e) {
            return "cannot prepare the service: " + e;
        }
    }

    private static void startServer(Map<String, String> options, Instrumentation instrumentation) {
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
