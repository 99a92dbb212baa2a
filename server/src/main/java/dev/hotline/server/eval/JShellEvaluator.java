package dev.hotline.server.eval;

import dev.hotline.server.support.ServerLog;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;

/**
 * One JShell whose snippets run in this JVM and see the application's classes. Not thread-safe: a
 * {@link Session} confines each evaluator to its worker thread, with these exceptions, all from the session's
 * interrupt watchdog: {@link #stop()}, {@link #forceStop()} and {@link #isRunningSnippetCode()} are safe from
 * any thread; {@link #liveState()} is called on an evaluator whose worker is stuck inside snippet code, so
 * nothing else is using JShell's state then, when the session abandons that worker.
 */
final class JShellEvaluator implements AutoCloseable {
    private final SnippetLoaderDelegate delegate;
    private final InProcessEngine engine;
    private final JShell jshell;
    private final SessionLimits limits;
    private final SnippetOutcomes outcomes;
    /**
     * Temporary values kept as {@code $N}: JShell imports every live variable into every later compile, so
     * without a bound each new expression compiles slower than the last (27 ms early, 78 ms after 1,000 here).
     */
    static final int TEMPORARY_VALUES_KEPT = 20;

    private final SnippetCache cache = new SnippetCache();
    private final Deque<VarSnippet> temporaryValues = new ArrayDeque<>();
    private SnippetCache.Entry lastCompiled;
    private volatile boolean stopRequested;
    private volatile String runningSnippet;
    private int snippetsEvaluated;

    JShellEvaluator(AppClassView appView, SessionLimits limits) {
        this.limits = limits;
        this.delegate = new SnippetLoaderDelegate(appView);
        this.engine = new InProcessEngine(delegate);
        this.jshell = JShell.builder()
                .executionEngine(engine, Map.of())
                .fileManager(standard -> new AppClassFileManager(standard, appView))
                // No annotation processing: snippets need none, and scanning the class path for processors on
                // every compile costs about a third of a new expression's time (and would run their code).
                .compilerOptions("--class-path", System.getProperty("java.class.path", ""), "-proc:none")
                .build();
        this.outcomes = new SnippetOutcomes(jshell, limits);
    }

    /** The loader that defines snippet classes; the right context class loader for snippet threads. */
    ClassLoader snippetLoader() {
        return delegate.loader();
    }

    /** Whether {@code input} holds only complete snippets (or nothing), or ends inside one. */
    boolean isComplete(String input) {
        if (cache.find(input) != null) {
            return true; // compiled before, so complete; and no parse on the line protocol's hot path
        }
        return Completeness.isComplete(jshell.sourceCodeAnalysis(), input);
    }

    /**
     * Evaluates every snippet of {@code input} in order, reporting each outcome as it happens, and stops at
     * the first one that did not succeed.
     *
     * @return true when every snippet succeeded
     */
    boolean eval(String input, Consumer<SnippetOutcome> outcomes) {
        return eval(input, outcomes, true);
    }

    /**
     * Evaluates every snippet of {@code input} in order, reporting each outcome; with {@code stopAtFailure}
     * false, a failing snippet is reported and the next one runs anyway (replaying an image does that).
     *
     * @return true when every snippet succeeded
     */
    boolean eval(String input, Consumer<SnippetOutcome> outcomes, boolean stopAtFailure) {
        SnippetCache.Entry cached = cache.find(input);
        if (cached != null) {
            SnippetOutcome outcome = runAgain(input, cached);
            outcomes.accept(outcome);
            return outcome.succeeded();
        }
        int snippets = 0;
        boolean allSucceeded = true;
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String rest = input;
        int base = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return true;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    outcomes.accept(new SnippetOutcome.Incomplete(rest.strip()));
                    return false;
                default:
                    break;
            }
            String source = info.source() != null ? info.source() : rest;
            String remaining = info.remaining() != null ? info.remaining() : "";
            int start = base + startOf(source, rest);
            SnippetOutcome outcome = evalOne(source, input, start);
            snippets++;
            outcomes.accept(outcome);
            if (!outcome.succeeded()) {
                allSucceeded = false;
                if (stopAtFailure) {
                    return false;
                }
            }
            base += rest.length() - remaining.length();
            rest = remaining;
        }
        if (snippets == 1 && lastCompiled != null) {
            cache.remember(input, lastCompiled);
        }
        return allSucceeded;
    }

    /** Where the snippet that ends at the end of {@code code} starts ({@link PrecedingSnippet}). */
    OptionalInt precedingSnippetStart(String code) {
        return PrecedingSnippet.start(jshell.sourceCodeAnalysis(), code);
    }

    /** Candidates to complete {@code code} at {@code cursor}, from JShell: app classes, members, declarations. */
    Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                jshell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
        List<String> candidates = new ArrayList<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(sg -> candidates.add(sg.continuation()));
        suggestions.stream().filter(sg -> !sg.matchesType()).forEach(sg -> candidates.add(sg.continuation()));
        return new Completion(anchor[0], candidates.stream().distinct().toList());
    }

    /** Signatures (and Javadoc, where sources are available) of what is at {@code cursor}. */
    List<String> documentation(String code, int cursor) {
        return jshell.sourceCodeAnalysis().documentation(code, cursor, true).stream()
                .map(d -> d.javadoc() == null || d.javadoc().isBlank() ? d.signature()
                        : d.signature() + "\n" + d.javadoc())
                .toList();
    }

    /** The session's active snippets, in the order they were declared. */
    List<SnippetInfo> contents() {
        return jshell.snippets().filter(s -> jshell.status(s).isActive()).map(outcomes::info).toList();
    }

    /**
     * Drops the active snippets named {@code nameOrId} (a declared name, or a snippet id).
     *
     * @return what was dropped
     */
    List<SnippetInfo> drop(String nameOrId) {
        List<Snippet> matches = jshell.snippets()
                .filter(s -> jshell.status(s).isActive())
                .filter(s -> s.id().equals(nameOrId) || outcomes.info(s).name().equals(nameOrId))
                .toList();
        List<SnippetInfo> dropped = matches.stream().map(outcomes::info).toList();
        matches.forEach(jshell::drop);
        cache.clear();
        return dropped;
    }

    /**
     * The sources of the live declarations (imports, classes, methods, variables), in declaration order: what
     * a fresh JShell must evaluate to hold the same definitions. The snippet running right now is left out,
     * so replaying cannot re-run what got stuck.
     */
    List<String> liveDeclarations() {
        return liveSnippets().map(Snippet::source).toList();
    }

    /**
     * The live declarations with the values of the variables that can move to another JShell of this JVM:
     * those whose value's class does not belong to this JShell (a {@code List<String>} moves, an instance of
     * a class declared in the session does not, and its variable is evaluated again instead).
     */
    List<LiveDeclaration> liveState() {
        return liveSnippets().map(s -> new LiveDeclaration(s.source(), carried(s))).toList();
    }

    /**
     * Declares {@code declarations} in order, setting each carried variable to its value and evaluating the
     * others' sources; a carried variable whose type does not compile here is evaluated from source instead.
     * Failures are left to the caller's outcomes: declarations that no longer compile just do not come back.
     */
    void restore(List<LiveDeclaration> declarations, Consumer<SnippetOutcome> outcomes) {
        for (LiveDeclaration declaration : declarations) {
            LiveDeclaration.CarriedVariable variable = declaration.variable();
            if (variable == null || !declareCarried(variable)) {
                eval(declaration.source(), outcomes, false);
            }
        }
    }

    /** Compiles and runs a method declaration, then drops it: javac's and JShell's classes get loaded and warm. */
    void warmUp() {
        for (SnippetEvent event : jshell.eval("void hotline$warmUp() { }")) {
            jshell.drop(event.snippet());
        }
    }

    /** How many snippets this JShell has evaluated; it keeps every one of them in memory. */
    int snippetsEvaluated() {
        return snippetsEvaluated;
    }

    private Stream<Snippet> liveSnippets() {
        String running = runningSnippet;
        return jshell.snippets()
                .filter(s -> jshell.status(s).isActive())
                .filter(s -> s.kind() == Snippet.Kind.IMPORT || s.kind() == Snippet.Kind.TYPE_DECL
                        || s.kind() == Snippet.Kind.METHOD || s.kind() == Snippet.Kind.VAR)
                .filter(s -> s instanceof VarSnippet v ? v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND : true)
                .filter(s -> !s.source().equals(running));
    }

    private LiveDeclaration.CarriedVariable carried(Snippet snippet) {
        if (!(snippet instanceof VarSnippet v) || jshell.status(v) != Snippet.Status.VALID) {
            return null;
        }
        try {
            Field field = delegate.variableField(v.name()).orElse(null);
            if (field == null) {
                return null;
            }
            Object value = field.get(null);
            return value == null || !isDefinedHere(value.getClass())
                    ? new LiveDeclaration.CarriedVariable(v.name(), v.typeName(), value) : null;
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether {@code type} (or, for an array, its element type) is a class of this JShell's snippets. */
    private boolean isDefinedHere(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element.getClassLoader() == delegate.loader();
    }

    private boolean declareCarried(LiveDeclaration.CarriedVariable variable) {
        List<SnippetEvent> events = jshell.eval(variable.type() + " " + variable.name() + ";");
        boolean declared = events.stream().anyMatch(e -> e.causeSnippet() == null
                && e.status() == Snippet.Status.VALID && e.snippet() instanceof VarSnippet);
        if (!declared) {
            return false;
        }
        try {
            Field field = delegate.variableField(variable.name()).orElseThrow();
            field.set(null, variable.value());
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            return false;
        }
    }

    /** Whether snippet code is running now, rather than JShell compiling or nothing at all; safe from any thread. */
    boolean isRunningSnippetCode() {
        return engine.isRunningSnippetCode();
    }

    /**
     * Asks the running snippet, if any, to stop, and keeps the rest of the current input from running; safe
     * from any thread.
     */
    void stop() {
        stopRequested = true;
        engine.requestStop();
        jshell.stop();
    }

    /**
     * Stops the running snippet's threads with JVMTI, for a loop JShell's stop does not reach (application or
     * JDK code on JDK 20+); the evaluation then ends as interrupted. Safe from any thread.
     */
    void forceStop() {
        String wrapper = engine.lastInvokedClass();
        if (wrapper != null && engine.isRunningSnippetCode() && ThreadStopper.isAvailable()) {
            List<String> stopped = ThreadStopper.stopThreadsRunning(wrapper);
            if (!stopped.isEmpty()) {
                ServerLog.info("stopped " + String.join(", ", stopped) + " with JVMTI");
            }
        }
    }

    /** Where the running snippet's thread is now; empty when no snippet code is running. Safe from any thread. */
    Optional<RunningSnippet> running() {
        String wrapper = engine.lastInvokedClass();
        if (wrapper == null || !engine.isRunningSnippetCode()) {
            return Optional.empty();
        }
        for (Map.Entry<Thread, StackTraceElement[]> e : SnippetThreads.running(wrapper).entrySet()) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : e.getValue()) {
                frames.add(frame.toString());
                if (frame.getClassName().equals(wrapper)) {
                    break;
                }
            }
            return Optional.of(new RunningSnippet(e.getKey().getName(), frames));
        }
        return Optional.empty();
    }

    /** Forgets a stop that came after the work it was meant for had ended; called when each piece of work ends. */
    void clearStop() {
        stopRequested = false;
        engine.clearStop();
    }

    @Override
    public void close() {
        jshell.close();
    }

    private SnippetOutcome evalOne(String source, String input, int start) {
        runningSnippet = source;
        snippetsEvaluated++;
        engine.forgetLastInvoked();
        List<SnippetEvent> events;
        try {
            events = jshell.eval(source);
        } finally {
            runningSnippet = null;
        }
        lastCompiled = reusable(events);
        if (lastCompiled == null) {
            cache.clear();
        }
        keepRecentTemporaryValues(events);
        SnippetEvent main = null;
        boolean replaced = false;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                main = event;
            } else if (event.status() == Snippet.Status.OVERWRITTEN) {
                replaced = true;
            }
        }
        if (main == null) {
            return new SnippetOutcome.Ran(source);
        }
        if (stopRequested) {
            return new SnippetOutcome.Interrupted(source);
        }
        return outcomes.of(main, source, input, start, replaced);
    }

    /** Drops the oldest {@code $N} beyond {@link #TEMPORARY_VALUES_KEPT}; cached inputs that reported it lose the name. */
    private void keepRecentTemporaryValues(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null && event.snippet() instanceof VarSnippet v
                    && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && jshell.status(v).isActive()) {
                temporaryValues.addLast(v);
            }
        }
        while (temporaryValues.size() > TEMPORARY_VALUES_KEPT) {
            VarSnippet oldest = temporaryValues.removeFirst();
            if (jshell.status(oldest).isActive()) {
                jshell.drop(oldest);
            }
            cache.unname(oldest.name());
        }
    }

    /**
     * The cache entry for a snippet that ran cleanly and declared nothing (an expression, its temporary
     * variable, a statement), or null.
     */
    private SnippetCache.Entry reusable(List<SnippetEvent> events) {
        String wrapper = engine.lastInvokedClass();
        if (events.size() != 1 || wrapper == null || stopRequested) {
            return null;
        }
        SnippetEvent event = events.get(0);
        if (event.status() != Snippet.Status.VALID || event.exception() != null) {
            return null;
        }
        Snippet snippet = event.snippet();
        if (snippet instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return new SnippetCache.Entry(wrapper, true, v.name(), v.typeName());
        }
        if (snippet instanceof ExpressionSnippet e) {
            boolean hasValue = !"void".equals(e.typeName()) && event.value() != null;
            return new SnippetCache.Entry(wrapper, hasValue, hasValue ? e.name() : null, hasValue ? e.typeName() : null);
        }
        if (snippet.kind() == Snippet.Kind.STATEMENT) {
            return new SnippetCache.Entry(wrapper, false, null, null);
        }
        return null;
    }

    /** Runs a cached input's compiled snippet again; see {@link SnippetCache}. */
    private SnippetOutcome runAgain(String input, SnippetCache.Entry cached) {
        String source = input.strip();
        runningSnippet = source;
        try {
            String value = engine.invokeAgain(cached.wrapperClass());
            if (stopRequested) {
                return new SnippetOutcome.Interrupted(source);
            }
            return cached.hasValue() ? new SnippetOutcome.Value(source, cached.valueName(), limits.cut(value), cached.type())
                    : new SnippetOutcome.Ran(source);
        } catch (ExecutionControl.StoppedException e) {
            return new SnippetOutcome.Interrupted(source);
        } catch (ExecutionControl.UserException e) {
            if (stopRequested) {
                return new SnippetOutcome.Interrupted(source);
            }
            return new SnippetOutcome.Threw(source, e.causeExceptionClass(), e.getMessage(), StackTraces.render(e));
        } catch (ExecutionControl.ExecutionControlException e) {
            cache.forget(input);
            return new SnippetOutcome.Threw(source, e.getClass().getSimpleName(), e.getMessage(), "");
        } finally {
            runningSnippet = null;
        }
    }

    /**
     * Where {@code source} starts within {@code rest}. JShell's source is normally a prefix of what it was
     * given, leading white space included, and diagnostic positions count from its first character.
     */
    private static int startOf(String source, String rest) {
        String head = source.substring(0, Math.min(source.length(), 16));
        int at = rest.indexOf(head);
        return Math.max(at, 0);
    }
}
