package dev.hotline.server.eval;

import dev.hotline.protocol.SessionNames;
import dev.hotline.server.guard.ExitGuardInstaller;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.tools.StandardJavaFileManager;

/**
 * All sessions of this server. Named sessions live until the server stops, so what a script declares in
 * {@code main} is there for the REPL and the editor; ephemeral ones end with their connection.
 */
public final class SessionRegistry implements AutoCloseable {
    /** The session every client uses unless it names another. */
    public static final String DEFAULT_SESSION = SessionNames.DEFAULT;


    private final Instrumentation instrumentation;
    private final SessionLimits limits;
    private final EvaluatorFactory evaluators;
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger ephemeralCount = new AtomicInteger();
    private volatile AppClassView appView;

    /** Makes a session's evaluator for the application's classes: javac in the service, or in a compile host. */
    @FunctionalInterface
    public interface EvaluatorFactory extends AutoCloseable {
        Evaluator create(AppClassView appView, SessionLimits limits);

        /** Where its evaluators compile, for {@code status}: {@code in the service (compile=inprocess)}. */
        default String describe() {
            return "in the service (compile=inprocess)";
        }

        /** Ends what the factory started for its evaluators (a compile host), once the sessions are closed. */
        @Override
        default void close() {
        }
    }

    /** Sessions whose JShell compiles in the service. */
    public static final EvaluatorFactory IN_PROCESS = JShellEvaluator::inProcess;

    public SessionRegistry(Instrumentation instrumentation, SessionLimits limits, EvaluatorFactory evaluators) {
        this.instrumentation = instrumentation;
        this.limits = limits;
        this.evaluators = evaluators;
    }

    /** True when {@code name} can name a session: 1 to 64 of letters, digits, dot, underscore, hyphen. */
    public static boolean isValidName(String name) {
        return SessionNames.isValid(name);
    }

    /** The named session, created on first use. */
    public Session named(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid session name '" + name
                    + "': use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return sessions.computeIfAbsent(name, n -> new Session(n, this::newEvaluator, limits));
    }

    /** The session with this name if it exists, named or ephemeral. */
    public Session existing(String name) {
        return sessions.get(name);
    }

    /** A new session that the caller must {@link #close(Session)} when its connection ends. */
    public Session ephemeral() {
        String name = SessionNames.EPHEMERAL_PREFIX + ephemeralCount.incrementAndGet();
        Session session = new Session(name, this::newEvaluator, limits);
        sessions.put(name, session);
        return session;
    }

    public void close(Session session) {
        sessions.remove(session.name(), session);
        session.close();
    }

    /** Where sessions compile, for {@code status}. */
    public String compiling() {
        return evaluators.describe();
    }

    public List<Session> all() {
        return new ArrayList<>(sessions.values());
    }

    @Override
    public void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
        evaluators.close();
    }

    /** Wraps javac's file manager so it sees the application's classes as snippets do (for compiling sources). */
    public Function<StandardJavaFileManager, StandardJavaFileManager>
            appClassFileManager() {
        return standard -> new AppClassFileManager(standard, new LoaderClassFiles(appView()));
    }

    /**
     * A JShell for a session. The exit guard is installed before the first one rather than at start: it loads
     * ASM and retransforms {@code java.lang.Runtime} (about 2 MB of idle memory here), which a service that is
     * never evaluated in need not pay for.
     */
    private Evaluator newEvaluator() {
        if (limits.exitGuard()) {
            ExitGuardInstaller.install(instrumentation);
        }
        OutputCapture.install();
        return evaluators.create(appView(), limits);
    }

    /** The application's classes as snippets see them, made on first use. */
    public AppClassView appView() {
        AppClassView view = appView;
        if (view == null) {
            synchronized (this) {
                if (appView == null) {
                    appView = new AppClassView(instrumentation);
                }
                view = appView;
            }
        }
        return view;
    }
}
