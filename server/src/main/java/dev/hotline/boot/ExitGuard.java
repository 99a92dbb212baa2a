package dev.hotline.boot;

/**
 * The check that {@code Runtime.exit} and {@code Runtime.halt} run first once Hotline's exit guard is installed.
 * This class is loaded by the bootstrap class loader (so {@code java.lang.Runtime} can call it) and uses only
 * {@code java.base}; see {@code dev.hotline.server.guard.ExitGuardInstaller}.
 *
 * <p>Threads that evaluate snippets are marked, and threads they start inherit the mark; an exit from a marked
 * thread is refused with a {@link SecurityException}, which the snippet sees as any other exception.
 */
public final class ExitGuard {
    /** Set on Hotline's evaluation threads; inherited by every thread they create. */
    public static final InheritableThreadLocal<Boolean> EVALUATING = new InheritableThreadLocal<>();

    private ExitGuard() {
    }

    /** Called at the start of {@code Runtime.exit(status)} and {@code Runtime.halt(status)}. */
    public static void check(int status) {
        if (Boolean.TRUE.equals(EVALUATING.get())) {
            throw new SecurityException("exit(" + status + ") refused: Hotline does not let evaluated code stop the"
                    + " service (start the agent with exit-guard=false to allow it)");
        }
    }
}
