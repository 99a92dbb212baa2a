package dev.hotline.server.eval;

import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in this JVM. {@link LocalExecutionControl} is used rather than {@code DirectExecutionControl}
 * because it can stop a runaway snippet: with {@code Thread.stop} on 17, with the stop checks it inserts
 * into snippet bytecode on JDK 22 and later.
 *
 * <p>JShell's own stop only reaches code that is already running; a stop that arrives while the snippet is
 * still being compiled would be lost and the snippet would then run unhindered. {@link #requestStop()} also
 * keeps the snippet from starting.
 */
final class InProcessEngine implements ExecutionControlProvider {
    private final SnippetLoaderDelegate delegate;
    private volatile boolean stopPending;
    private volatile boolean runningSnippetCode;
    private volatile StoppableExecutionControl control;
    private volatile String lastInvokedClass;

    InProcessEngine(SnippetLoaderDelegate delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return "hotline-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control();
    }

    /** The one engine of this session's JShell, made on first use; a compile host's requests go to it too. */
    synchronized ExecutionControl control() {
        if (control == null) {
            control = new StoppableExecutionControl();
        }
        return control;
    }

    /**
     * The wrapper class of the last snippet that ran, so that it can be run again without compiling (see
     * {@link SnippetCache}); null until one runs, and after {@link #forgetLastInvoked()}.
     */
    String lastInvokedClass() {
        return lastInvokedClass;
    }

    void forgetLastInvoked() {
        lastInvokedClass = null;
    }

    /**
     * Runs an already compiled snippet again, as JShell does: its value as a string, or JShell's exceptions
     * ({@code UserException} for what the code threw, {@code StoppedException} when stopped).
     */
    String invokeAgain(String wrapperClass) throws ExecutionControl.ExecutionControlException {
        if (stopPending) {
            throw new ExecutionControl.StoppedException();
        }
        return control().invoke(wrapperClass, "do_it$");
    }

    /** Makes the next snippet to start stop at once; the caller also asks JShell to stop the running one. */
    void requestStop() {
        stopPending = true;
    }

    /** Forgets a stop request that no snippet consumed; called before each new snippet. */
    void clearStop() {
        stopPending = false;
    }

    /** Whether snippet code (not the compiler) is running now. */
    boolean isRunningSnippetCode() {
        return runningSnippetCode;
    }

    private final class StoppableExecutionControl extends LocalExecutionControl {
        StoppableExecutionControl() {
            super(delegate);
        }

        @Override
        protected String invoke(Method doitMethod) throws Exception {
            if (stopPending) {
                throw new StoppedException();
            }
            lastInvokedClass = doitMethod.getDeclaringClass().getName();
            runningSnippetCode = true;
            try {
                return super.invoke(doitMethod);
            } finally {
                runningSnippetCode = false;
            }
        }
    }
}
