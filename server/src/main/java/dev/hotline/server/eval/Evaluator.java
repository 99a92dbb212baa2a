package dev.hotline.server.eval;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A session's JShell as the {@link Session} drives it: {@link JShellEvaluator} when javac runs in the service,
 * or a compile host's evaluator when it runs beside it. Not thread-safe: a session confines each evaluator to
 * its worker thread, except for {@link #stop()}, {@link #forceStop()}, {@link #running()} and
 * {@link #isRunningSnippetCode()}, which are safe from any thread, and {@link #liveState()}, which the session
 * also calls when it abandons a worker stuck inside snippet code (nothing else uses the evaluator then).
 */
public interface Evaluator extends AutoCloseable {

    /** The loader that defines snippet classes; the right context class loader for snippet threads. */
    ClassLoader snippetLoader();

    /** Whether {@code input} holds only complete snippets (or nothing), or ends inside one. */
    boolean isComplete(String input);

    /**
     * Evaluates every snippet of {@code input} in order, reporting each outcome; with {@code stopAtFailure}
     * false, a failing snippet is reported and the next one runs anyway (replaying an image does that).
     *
     * @return true when every snippet succeeded
     */
    boolean eval(String input, Consumer<SnippetOutcome> outcomes, boolean stopAtFailure);

    /** Where the snippet that ends at the end of {@code code} starts ({@link PrecedingSnippet}). */
    OptionalInt precedingSnippetStart(String code);

    /** Candidates to complete {@code code} at {@code cursor}: app classes, members, declarations. */
    Completion complete(String code, int cursor);

    /** Signatures (and Javadoc, where sources are available) of what is at {@code cursor}. */
    List<String> documentation(String code, int cursor);

    /** The session's active snippets, in the order they were declared. */
    List<SnippetInfo> contents();

    /**
     * Drops the active snippets named {@code nameOrId} (a declared name, or a snippet id).
     *
     * @return what was dropped
     */
    List<SnippetInfo> drop(String nameOrId);

    /**
     * The sources of the live declarations (imports, classes, methods, variables), in declaration order: what
     * a fresh JShell must evaluate to hold the same definitions. The snippet running right now is left out,
     * so replaying cannot re-run what got stuck.
     */
    List<String> liveDeclarations();

    /**
     * The live declarations with the values of the variables that can move to another JShell of this JVM:
     * those whose value's class does not belong to this JShell (a {@code List<String>} moves, an instance of
     * a class declared in the session does not, and its variable is evaluated again instead).
     */
    List<LiveDeclaration> liveState();

    /**
     * Declares {@code declarations} in order, setting each carried variable to its value and evaluating the
     * others' sources; a carried variable whose type does not compile here is evaluated from source instead.
     * Failures are left to the caller's outcomes: declarations that no longer compile just do not come back.
     */
    void restore(List<LiveDeclaration> declarations, Consumer<SnippetOutcome> outcomes);

    /**
     * The object session variable {@code name} holds in the service (an expression's value is the variable its
     * {@link SnippetOutcome.Value#name()} names); empty when there is none.
     */
    Optional<VariableValue> variable(String name);

    /** Compiles and runs a method declaration, then drops it: javac's and JShell's classes get loaded and warm. */
    void warmUp();

    /** How many snippets this JShell has evaluated; it keeps every one of them in memory. */
    int snippetsEvaluated();

    /** Whether snippet code is running now, rather than JShell compiling or nothing at all. */
    boolean isRunningSnippetCode();

    /** Asks the running snippet, if any, to stop, and keeps the rest of the current input from running. */
    void stop();

    /** Stops the running snippet's threads with JVMTI, for a loop JShell's stop does not reach. */
    void forceStop();

    /** Where the running snippet's thread is now; empty when no snippet code is running. */
    Optional<RunningSnippet> running();

    /** Forgets a stop that came after the work it was meant for had ended; called when each piece of work ends. */
    void clearStop();

    @Override
    void close();
}
