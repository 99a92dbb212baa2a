package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.AppClassView;
import dev.hotline.server.eval.Completion;
import dev.hotline.server.eval.Evaluator;
import dev.hotline.server.eval.EvaluatorUnavailableException;
import dev.hotline.server.eval.LiveDeclaration;
import dev.hotline.server.eval.LoaderClassFiles;
import dev.hotline.server.eval.RunningSnippet;
import dev.hotline.server.eval.SessionLimits;
import dev.hotline.server.eval.SnippetCache;
import dev.hotline.server.eval.SnippetExecutor;
import dev.hotline.server.eval.SnippetInfo;
import dev.hotline.server.eval.SnippetOutcome;
import dev.hotline.server.eval.VariableValue;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A session's evaluator when javac runs in the compile host: the host holds the JShell and compiles; this side
 * holds the {@link SnippetExecutor}, which defines and runs the snippet classes on the session's worker thread
 * (so output capture, the exit guard and interrupts work as in the service's own JShell), and answers the host's
 * calls while a request is in progress ({@link ServiceCalls}).
 *
 * <p><b>The host going away.</b> The host sends the session's live declarations whenever they change, and the
 * values stay here. When the host has exited (idle, killed, crashed), the next request starts it again, builds the
 * session there from those declarations (variables keep their values, as in a recycle) and then runs. A host that
 * dies during a request fails that request with {@link EvaluatorUnavailableException}, saying so.
 */
final class HostedEvaluator implements Evaluator {
    private final HostProcess host;
    private final AppClassView appView;
    private final SessionLimits limits;
    private final LoaderClassFiles classFiles;
    private volatile SnippetExecutor executor;
    private volatile List<LiveDeclaration.Entry> live = List.of();
    private volatile boolean stopRequested;
    private HostWire wire;
    /** The inputs the host compiled that can run again here without it, as of the host's {@link #cacheVersion}. */
    private SnippetCache cache;
    private long cacheVersion = -1;
    private int snippetsEvaluated;
    /** Values to give the variables a {@code restore} declares again, by name; the host asks for them. */
    private Map<String, LiveDeclaration.CarriedVariable> carrying = Map.of();

    private HostedEvaluator(HostProcess host, AppClassView appView, SessionLimits limits) {
        this.host = host;
        this.appView = appView;
        this.limits = limits;
        this.classFiles = new LoaderClassFiles(appView);
        this.executor = new SnippetExecutor(appView);
        this.cache = new SnippetCache(executor, limits);
    }

    /**
     * A session in the compile host, started if need be.
     *
     * @throws IOException when the host cannot be started or does not answer
     */
    static HostedEvaluator open(HostProcess host, AppClassView appView, SessionLimits limits) throws IOException {
        HostedEvaluator evaluator = new HostedEvaluator(host, appView, limits);
        evaluator.connect();
        return evaluator;
    }

    /**
     * Opens this session's connection and says hello. It counts as a request, so the idle check cannot stop a host
     * this session is starting or greeting: it would find no request for a while and no session to lose yet.
     */
    private void connect() throws IOException {
        host.begin();
        try {
            HostWire fresh = host.connect();
            try {
                Plist answer = exchange(fresh, request("hello").put("class-path",
                        System.getProperty("java.class.path", "")).put("max-value", limits.maxValueChars()).build(),
                        outcome -> { });
                failure(answer).ifPresent(message -> {
                    throw new EvaluatorUnavailableException(message);
                });
                wire = fresh;
            } catch (IOException | RuntimeException e) {
                fresh.close();
                throw e;
            }
        } finally {
            host.end();
        }
    }

    @Override
    public ClassLoader snippetLoader() {
        return executor.snippetLoader();
    }

    @Override
    public boolean isComplete(String input) {
        return cache.find(input) != null || ask(request("is-complete").put("code", input)).flag("complete");
    }

    /** A repeated input runs here from the cache; anything else is compiled (and run) through the host. */
    @Override
    public boolean eval(String input, Consumer<SnippetOutcome> outcomes, boolean stopAtFailure) {
        SnippetCache.Entry cached = cache.find(input);
        if (cached != null) {
            SnippetOutcome outcome = cache.runAgain(input, cached, () -> stopRequested);
            outcomes.accept(outcome);
            return outcome.succeeded();
        }
        Consumer<SnippetOutcome> stoppable = outcome ->
                outcomes.accept(stopRequested ? new SnippetOutcome.Interrupted(outcome.source()) : outcome);
        Plist answer = ask(request("eval").put("code", input).put("stop-at-failure", Sexp.bool(stopAtFailure)), stoppable);
        SnippetCache.State state = HostMessages.cacheState(answer);
        if (state != null && state.entry() != null) {
            cache.remember(input, state.entry());
        }
        return answer.flag("ok") && !stopRequested;
    }

    @Override
    public OptionalInt precedingSnippetStart(String code) {
        Optional<Long> start = ask(request("preceding").put("code", code)).integer("start");
        return start.isPresent() ? OptionalInt.of(start.get().intValue()) : OptionalInt.empty();
    }

    @Override
    public Completion complete(String code, int cursor) {
        Optional<Sexp> completion = ask(request("complete").put("code", code).put("cursor", cursor)).get("completion");
        try {
            return completion.isPresent() ? HostMessages.readCompletion(Plist.from(completion.get()))
                    : new Completion(cursor, List.of());
        } catch (IOException e) {
            throw new EvaluatorUnavailableException("the compile host sent a completion that cannot be read: " + e.getMessage());
        }
    }

    @Override
    public List<String> documentation(String code, int cursor) {
        return ask(request("documentation").put("code", code).put("cursor", cursor)).strings("documentation");
    }

    @Override
    public List<SnippetInfo> contents() {
        return HostMessages.snippets(ask(request("contents")), "snippets");
    }

    @Override
    public List<SnippetInfo> drop(String nameOrId) {
        return HostMessages.snippets(ask(request("drop").put("name", nameOrId)), "snippets");
    }

    @Override
    public List<String> liveDeclarations() {
        return live.stream().map(LiveDeclaration.Entry::source).toList();
    }

    /**
     * Whether a new compile host would hold this session whole: every variable's value can move to it. Asked from
     * the idle check's thread; reads only what the worker publishes.
     */
    boolean rebuildsWhole() {
        SnippetExecutor values = executor;
        return live.stream().allMatch(e -> e.variable() == null || values.carried(e.variable(), e.type()).isPresent());
    }

    @Override
    public List<LiveDeclaration> liveState() {
        SnippetExecutor values = executor;
        return live.stream().map(entry -> entry.withValueFrom(values)).toList();
    }

    @Override
    public Optional<VariableValue> variable(String name) {
        return executor.variable(name);
    }

    @Override
    public void restore(List<LiveDeclaration> declarations, Consumer<SnippetOutcome> outcomes) {
        if (declarations.isEmpty()) {
            return;
        }
        Map<String, LiveDeclaration.CarriedVariable> values = new HashMap<>();
        for (LiveDeclaration d : declarations) {
            if (d.variable() != null) {
                values.put(d.variable().name(), d.variable());
            }
        }
        carrying = values;
        try {
            ask(request("restore").put("declarations", HostMessages.declarations(declarations)), outcomes);
        } finally {
            carrying = Map.of();
        }
    }

    @Override
    public void warmUp() {
        ask(request("warm-up"));
    }

    @Override
    public int snippetsEvaluated() {
        return snippetsEvaluated;
    }

    @Override
    public boolean isRunningSnippetCode() {
        return executor.isRunningSnippetCode();
    }

    @Override
    public void stop() {
        stopRequested = true;
        executor.stopRunning();
    }

    @Override
    public void forceStop() {
        executor.forceStop();
    }

    @Override
    public Optional<RunningSnippet> running() {
        return executor.running();
    }

    @Override
    public void clearStop() {
        stopRequested = false;
        executor.clearStop();
    }

    /** Ends the session in the host (it closes its JShell when the connection ends). */
    @Override
    public void close() {
        if (wire != null) {
            wire.close();
            wire = null;
        }
    }

    private static Plist.Builder request(String op) {
        return Plist.builder().put("op", op);
    }

    private Plist ask(Plist.Builder request) {
        return ask(request, outcome -> { });
    }

    /**
     * Sends a request and serves the host's calls until its answer. When the host is gone before the request, it is
     * started again and the session rebuilt there first; when it goes during the request, the request fails.
     */
    private Plist ask(Plist.Builder request, Consumer<SnippetOutcome> outcomes) {
        host.begin();
        try {
            return askOnce(request, outcomes);
        } finally {
            host.end();
        }
    }

    private Plist askOnce(Plist.Builder request, Consumer<SnippetOutcome> outcomes) {
        Plist message = request.put("other-loaders", Sexp.bool(classFiles.any())).build();
        boolean rebuilt = false;
        if (wire == null || host.pid() < 0) {
            rebuild();
            rebuilt = true;
        }
        try {
            Plist answer = exchange(wire, message, outcomes);
            failure(answer).ifPresent(failed -> {
                throw new EvaluatorUnavailableException(failed);
            });
            return answer;
        } catch (HostExchange.HostGone gone) {
            lost();
            if (!gone.started() && !rebuilt) {
                return askOnce(request, outcomes); // nothing of it ran: the host had just exited (idle)
            }
            throw new EvaluatorUnavailableException("the compile host stopped during this request (" + gone.getMessage()
                    + "); nothing more of it runs. The next request starts the host again with this session's"
                    + " declarations and values");
        }
    }

    /**
     * The host is gone: a fresh one gets this session's declarations, with each variable's value where it can move
     * (as in a recycle), and the snippet classes of the old one are left to the collector with their loader.
     */
    private void rebuild() {
        lost();
        List<LiveDeclaration> state = liveState();
        executor = new SnippetExecutor(appView);
        cache = new SnippetCache(executor, limits);
        cacheVersion = -1;
        Thread.currentThread().setContextClassLoader(executor.snippetLoader());
        try {
            connect();
        } catch (IOException e) {
            throw new EvaluatorUnavailableException("the compile host cannot be started again (" + e.getMessage()
                    + "); try again, or start the service with compile=inprocess");
        }
        restore(state, outcome -> { });
    }

    private void lost() {
        if (wire != null) {
            wire.close();
            wire = null;
        }
    }

    /** One request on {@code connection}, with this session's executor answering the host's calls. */
    private Plist exchange(HostWire connection, Plist request, Consumer<SnippetOutcome> outcomes)
            throws HostExchange.HostGone {
        Plist answer = HostExchange.run(connection, request, new ServiceCalls(executor, classFiles, carrying), outcomes);
        if (answer.has("live")) {
            live = HostMessages.entries(answer, "live");
        }
        answer.integer("evaluated").ifPresent(n -> snippetsEvaluated = n.intValue());
        SnippetCache.State state = HostMessages.cacheState(answer);
        if (state != null && state.version() != cacheVersion) {
            cache.clear(); // the host forgot entries (a declaration, a drop): so does the service
            cacheVersion = state.version();
        }
        return answer;
    }

    private static Optional<String> failure(Plist answer) {
        return answer.string("failed");
    }
}
