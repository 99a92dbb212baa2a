package dev.hotline.server.eval;

import java.util.Optional;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;

/**
 * The executing half of a session, as JShell's front end (the compiling half, {@link JShellEvaluator}) sees it:
 * where snippet classes are defined and run, and where variables hold their values. In the service it is a
 * {@link SnippetExecutor}; in a compile host it is a proxy that asks the service over the host's connection.
 */
public interface SnippetExecution {

    /** The engine JShell is built with; JShell calls {@code load}, {@code invoke} and {@code varValue} on it. */
    ExecutionControlProvider provider();

    /**
     * The wrapper class of the last snippet that ran, so that it can be run again without compiling (see
     * {@link SnippetCache}); null until one runs, and after {@link #forgetLastInvoked()}.
     */
    String lastInvokedClass();

    void forgetLastInvoked();

    /**
     * Runs an already compiled snippet again, as JShell does: its value as a string, or JShell's exceptions
     * ({@code UserException} for what the code threw, {@code StoppedException} when stopped).
     */
    String invokeAgain(String wrapperClass) throws ExecutionControl.ExecutionControlException;

    /**
     * Variable {@code name}'s value, ready to move to a fresh JShell of the same service, when it can move: it
     * is null, or its class is not one of this session's snippet classes. Empty where the values are not held
     * (a compile host: the service carries them).
     */
    Optional<LiveDeclaration.CarriedVariable> carried(String name, String type);

    /**
     * Gives the variable {@code name}, just declared again without an initializer, the value {@code carried}
     * holds for it (see {@link LiveDeclaration}).
     *
     * @return false when the value could not be set; the caller then evaluates the declaration's source
     */
    boolean setCarried(String name, LiveDeclaration.CarriedVariable carried);

    /** The loader that defines snippet classes, where they are defined in this JVM; else null. */
    default ClassLoader snippetLoader() {
        return null;
    }

    /**
     * Makes the running snippet, and the next to start, stop. Stopping happens where snippets run: the default,
     * for an execution that runs nothing itself (a compile host's proxy), does nothing.
     */
    default void requestStop() {
    }

    /** Forgets a stop request that no snippet consumed. */
    default void clearStop() {
    }

    /** Whether snippet code (not the compiler) is running now, in this JVM. */
    default boolean isRunningSnippetCode() {
        return false;
    }

    /** Stops the running snippet's threads with JVMTI (see {@link ThreadStopper}). */
    default void forceStop() {
    }

    /** Where the running snippet's thread is now; empty when no snippet code is running in this JVM. */
    default Optional<RunningSnippet> running() {
        return Optional.empty();
    }

    /** The value variable {@code name} holds; empty when there is no such variable, or values are not held here. */
    default Optional<VariableValue> variable(String name) {
        return Optional.empty();
    }
}
