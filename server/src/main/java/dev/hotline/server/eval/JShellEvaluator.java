package dev.hotline.server.eval;

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

/**
 * One JShell whose snippets see the application's classes: javac and JShell's analysis run in this JVM, and
 * the snippets run where its {@link SnippetExecution} is (this JVM, or the service when this JVM is a compile
 * host). Thread confinement as for every {@link Evaluator}.
 */
public final class JShellEvaluator implements Evaluator {
    private final SnippetExecution execution;
    private final JShell jshell;
    private final SessionLimits limits;
    private final SnippetOutcomes outcomes;
    /**
     * Temporary values kept as {@code $N}: JShell imports every live variable into every later compile, so
     * without a bound each new expression compiles slower than the last (27 ms early, 78 ms after 1,000 here).
     */
    static final int TEMPORARY_VALUES_KEPT = 20;

    private final SnippetCache cache;
    private final Deque<VarSnippet> temporaryValues = new ArrayDeque<>();
    private SnippetCache.Entry lastCompiled;
    private volatile boolean stopRequested;
    private volatile String runningSnippet;
    private int snippetsEvaluated;

    /**
     * @param execution where the snippets run and their variables live
     * @param otherClasses the application's classes that are not on {@code classPath} (other loaders')
     * @param classPath the application's class path, which javac reads as it is
     */
    public JShellEvaluator(SnippetExecution execution, OtherClassFiles otherClasses, String classPath,
            SessionLimits limits) {
        this.limits = limits;
        this.execution = execution;
        this.cache = new SnippetCache(execution, limits);
        this.jshell = JShell.builder()
                .executionEngine(execution.provider(), Map.of())
                .fileManager(AppClassFileManager.wrapping(otherClasses))
                // No annotation processing: snippets need none, and scanning the class path for processors on
                // every compile costs about a third of a new expression's time (and would run their code).
                .compilerOptions("--class-path", classPath, "-proc:none")
                .build();
        this.outcomes = new SnippetOutcomes(jshell, limits);
    }

    /** A JShell that compiles and runs in this JVM, the service. */
    public static JShellEvaluator inProcess(AppClassView appView, SessionLimits limits) {
        return new JShellEvaluator(new SnippetExecutor(appView), new LoaderClassFiles(appView),
                System.getProperty("java.class.path", ""), limits);
    }

    @Override
    public ClassLoader snippetLoader() {
        return execution.snippetLoader();
    }

    @Override
    public boolean isComplete(String input) {
        if (cache.find(input) != null) {
            return true; // compiled before, so complete; and no parse on the line protocol's hot path
        }
        return Completeness.isComplete(jshell.sourceCodeAnalysis(), input);
    }

    @Override
    public boolean eval(String input, Consumer<SnippetOutcome> outcomes, boolean stopAtFailure) {
        SnippetCache.Entry cached = cache.find(input);
        if (cached != null) {
            SnippetOutcome outcome = cache.runAgain(input, cached, () -> stopRequested);
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

    /**
     * What a compile host tells the service of its cache after an evaluation, so the service can run the same input
     * again by itself: the cache's version (bumped whenever entries are forgotten or change) and the entry for
     * {@code input}, if it has one.
     */
    public SnippetCache.State cacheState(String input) {
        return new SnippetCache.State(cache.version(), cache.find(input));
    }

    @Override
    public OptionalInt precedingSnippetStart(String code) {
        return PrecedingSnippet.start(jshell.sourceCodeAnalysis(), code);
    }

    @Override
    public Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                jshell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
        List<String> candidates = new ArrayList<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(sg -> candidates.add(sg.continuation()));
        suggestions.stream().filter(sg -> !sg.matchesType()).forEach(sg -> candidates.add(sg.continuation()));
        return new Completion(anchor[0], candidates.stream().distinct().toList());
    }

    @Override
    public List<String> documentation(String code, int cursor) {
        return jshell.sourceCodeAnalysis().documentation(code, cursor, true).stream()
                .map(d -> d.javadoc() == null || d.javadoc().isBlank() ? d.signature()
                        : d.signature() + "\n" + d.javadoc())
                .toList();
    }

    @Override
    public List<SnippetInfo> contents() {
        return jshell.snippets().filter(s -> jshell.status(s).isActive()).map(outcomes::info).toList();
    }

    @Override
    public List<SnippetInfo> drop(String nameOrId) {
        List<Snippet> matches = jshell.snippets()
                .filter(s -> jshell.status(s).isActive())
                .filter(s -> s.id().equals(nameOrId) || outcomes.info(s).name().equals(nameOrId))
                .toList();
        List<SnippetInfo> dropped = matches.stream().map(outcomes::info).toList();
        matches.forEach(jshell::drop);
        cache.clear();
        return dropped;
    }

    @Override
    public List<String> liveDeclarations() {
        return liveSnippets().map(Snippet::source).toList();
    }

    @Override
    public List<LiveDeclaration> liveState() {
        return liveEntries().stream().map(entry -> entry.withValueFrom(execution)).toList();
    }

    @Override
    public Optional<VariableValue> variable(String name) {
        return execution.variable(name);
    }

    /** The live declarations, each variable named with its type where it is valid; see {@link #liveState()}. */
    public List<LiveDeclaration.Entry> liveEntries() {
        return liveSnippets().map(s -> s instanceof VarSnippet v && jshell.status(v) == Snippet.Status.VALID
                ? new LiveDeclaration.Entry(s.source(), v.name(), v.typeName())
                : new LiveDeclaration.Entry(s.source(), null, null)).toList();
    }

    @Override
    public void restore(List<LiveDeclaration> declarations, Consumer<SnippetOutcome> outcomes) {
        for (LiveDeclaration declaration : declarations) {
            LiveDeclaration.CarriedVariable variable = declaration.variable();
            if (variable == null || !declareCarried(variable)) {
                eval(declaration.source(), outcomes, false);
            }
        }
    }

    @Override
    public void warmUp() {
        for (SnippetEvent event : jshell.eval("void hotline$warmUp() { }")) {
            jshell.drop(event.snippet());
        }
    }

    @Override
    public int snippetsEvaluated() {
        return snippetsEvaluated;
    }

    /** The live declarations in {@link DependencyOrder}, which every replay of them (image, recycle, host) uses. */
    private Stream<Snippet> liveSnippets() {
        String running = runningSnippet;
        List<Snippet> live = jshell.snippets()
                .filter(s -> jshell.status(s).isActive())
                .filter(s -> s.kind() == Snippet.Kind.IMPORT || s.kind() == Snippet.Kind.TYPE_DECL
                        || s.kind() == Snippet.Kind.METHOD || s.kind() == Snippet.Kind.VAR)
                .filter(s -> s instanceof VarSnippet v ? v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND : true)
                .filter(s -> !s.source().equals(running))
                .toList();
        return DependencyOrder.of(live, jshell.sourceCodeAnalysis()).stream();
    }

    private boolean declareCarried(LiveDeclaration.CarriedVariable variable) {
        List<SnippetEvent> events = jshell.eval(variable.type() + " " + variable.name() + ";");
        boolean declared = events.stream().anyMatch(e -> e.causeSnippet() == null
                && e.status() == Snippet.Status.VALID && e.snippet() instanceof VarSnippet);
        return declared && execution.setCarried(variable.name(), variable);
    }

    @Override
    public boolean isRunningSnippetCode() {
        return execution.isRunningSnippetCode();
    }

    @Override
    public void stop() {
        stopRequested = true;
        execution.requestStop();
        jshell.stop();
    }

    @Override
    public void forceStop() {
        execution.forceStop();
    }

    @Override
    public Optional<RunningSnippet> running() {
        return execution.running();
    }

    @Override
    public void clearStop() {
        stopRequested = false;
        execution.clearStop();
    }

    @Override
    public void close() {
        jshell.close();
    }

    private SnippetOutcome evalOne(String source, String input, int start) {
        runningSnippet = source;
        snippetsEvaluated++;
        execution.forgetLastInvoked();
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
        String wrapper = execution.lastInvokedClass();
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
