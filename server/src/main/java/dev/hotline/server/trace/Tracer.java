package dev.hotline.server.trace;

import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.support.BootClasses;
import dev.hotline.server.support.ServerLog;
import dev.hotline.protocol.ProbeStatus;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.objectweb.asm.Type;

/**
 * Traces methods of the running service: weaves advice into their classes with
 * {@link Instrumentation#retransformClasses}, follows each trace until it ends, and then gives the classes their
 * code back, so a method no trace follows costs nothing.
 *
 * <p>A class stays woven through a hot reload: {@link ClassWeaving}, which weaves while anything is traced, also sees
 * {@code redefineClasses} and weaves the new bytes. What the reloader keeps (and a snapshot stores) are the bytes
 * it was given, never the woven ones.
 *
 * <p>Everything but the transformer runs on one thread, {@code hotline-trace}: starting and ending traces, and
 * sending their calls to clients every {@value #TICK_MILLIS} ms.
 */
public final class Tracer {
    private static final long TICK_MILLIS = 10;

    private final ProbeAccounts accounts;
    private final ProbeBudget budget;
    private final Instrumentation instrumentation;
    private final ClassWeaving weaving;
    private final ProbeCompiler probes;
    private final ValueText values;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hotline-trace");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, Trace> traces = new LinkedHashMap<>();
    private final Map<Trace, List<TracedMethod>> followed = new HashMap<>();
    private final Map<Class<?>, Map<String, TracedMethod>> woven = new HashMap<>();
    private final BitSet ids = new BitSet();
    /** What is woven: advice ids by method (name and descriptor), by class. Replaced, never changed. */
    private volatile Map<Class<?>, Map<String, Integer>> plan = Map.of();
    private ScheduledFuture<?> ticking;
    private final PendingStarts pending;
    /** How long a trace without --seconds waits for its class to load. */
    private static final long PENDING_SECONDS = 3600;

    /**
     * @param compiler compiles conditions against the application's classes, as snippets see them
     * @param weaving where the service's classes are changed, for traces and every other probe
     * @param maxValueChars the longest value text sent (the service's {@code max-value})
     * @param accounts the numbers and the budget traces share with the other probes
     */
    public Tracer(Instrumentation instrumentation, SourceCompiler compiler, ClassWeaving weaving, int maxValueChars,
            ProbeAccounts accounts) {
        this.instrumentation = instrumentation;
        this.accounts = accounts;
        this.budget = accounts.budget();
        this.weaving = weaving;
        this.probes = new ProbeCompiler(compiler);
        this.values = new ValueText(maxValueChars);
        weaving.add(new MethodAdvice());
        this.pending = new PendingStarts(weaving, thread);
    }

    /**
     * Starts a trace of {@code spec} ({@code CLASS::METHOD}, see {@link TraceSpec}) whose calls go to
     * {@code listener} until it ends. Fails with a {@link TraceException} (no such class or method, a condition
     * that does not compile, a class the JVM cannot change) before anything is traced.
     *
     * @param owner who asked (a connection): {@link #end} names traces by owner
     */
    public CompletableFuture<Trace> start(String spec, TraceOptions options, Object owner, TraceListener listener) {
        CompletableFuture<Trace> started = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                String className = parse(spec).className();
                if (className.contains(".") && !weaving.isLoaded(className)) {
                    pending.await(PendingStarts.waiter(owner, listener::isOpen, listener::note,
                            reason -> listener.ended(new TraceSummary(reason, 0, 0)),
                            () -> startHere(spec, options, owner, listener), started), className,
                            options.seconds() == 0 ? PENDING_SECONDS : options.seconds());
                    tickWhileNeeded();
                } else {
                    started.complete(startHere(spec, options, owner, listener));
                }
            } catch (TraceException | RuntimeException | LinkageError e) {
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    private static TraceSpec parse(String spec) throws TraceException {
        try {
            return TraceSpec.parse(spec, "trace");
        } catch (IllegalArgumentException e) {
            throw new TraceException(e.getMessage());
        }
    }

    /** Why a {@link #start} failed, for the client. */
    public static String failureMessage(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof TraceException ? cause.getMessage() : "cannot trace: " + cause;
    }

    /**
     * Ends traces: the one numbered {@code number}, whoever started it (its client hears that another ended it),
     * or, when it is empty, every trace {@code owner} started, pending ones too. Completes with the traces ended.
     */
    public CompletableFuture<List<Trace>> end(Object owner, Optional<Integer> number) {
        return CompletableFuture.supplyAsync(() -> {
            List<Trace> ending = traces.values().stream()
                    .filter(t -> number.map(n -> n == t.number()).orElse(t.owner() == owner)).toList();
            ending.forEach(t -> finish(t, t.owner() == owner ? "untraced" : "removed by another client"));
            if (number.isEmpty()) {
                pending.end(owner);
            }
            return ending;
        }, thread);
    }

    /** Every trace and monitor, whoever started it: those running, then those pending. */
    public CompletableFuture<List<ProbeStatus>> statuses() {
        return CompletableFuture.supplyAsync(() -> {
            List<ProbeStatus> all = new ArrayList<>(traces.values().stream().map(Trace::status).toList());
            pending.classesAwaited().forEach(name -> all.add(ProbeStatus.pending(name)));
            return all;
        }, thread);
    }

    /** The traces running now, for {@code /trace} without arguments and the status. */
    public CompletableFuture<List<Trace>> running() {
        return CompletableFuture.supplyAsync(() -> List.copyOf(traces.values()), thread);
    }

    /** Ends every trace, pending ones too (the service is detaching Hotline), and gives every class its code back. */
    public void close() {
        try {
            thread.submit(() -> {
                List.copyOf(traces.values()).forEach(t -> finish(t, "Hotline was detached"));
                pending.endAll("Hotline was detached");
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            ServerLog.warn("traces did not all end before Hotline detached: " + e);
        }
        thread.shutdownNow();
    }

    private Trace startHere(String specText, TraceOptions options, Object owner, TraceListener listener)
            throws TraceException {
        if (!BootClasses.install(instrumentation)) {
            throw new TraceException("tracing is unavailable in this JVM: Hotline's log says why");
        }
        TraceSpec spec = parse(specText);
        Map<Class<?>, List<Method>> methods = spec.methodsIn(weaving);
        Map.Entry<Class<?>, List<Method>> first = methods.entrySet().iterator().next();
        CallProbe probe = probes.compile(options, first.getKey(), first.getValue());
        int count = methods.values().stream().mapToInt(List::size).sum();
        String description = first.getKey().getName() + "::" + spec.method()
                + (spec.method().equals("*") || count > 1 ? " (" + count + " methods)" : "")
                + (methods.size() > 1 ? " in " + methods.size() + " class loaders" : "");
        Trace trace = new Trace(accounts.nextNumber(), description, owner, options, probe, values, listener);
        Set<Class<?>> newlyWoven = new LinkedHashSet<>();
        List<TracedMethod> followedNow = new ArrayList<>();
        methods.forEach((type, list) -> {
            Map<String, TracedMethod> ofClass = woven.computeIfAbsent(type, t -> new HashMap<>());
            for (Method m : list) {
                TracedMethod traced = ofClass.computeIfAbsent(m.getName() + Type.getMethodDescriptor(m), key -> {
                    newlyWoven.add(type);
                    TracedMethod fresh = new TracedMethod(ids.nextClearBit(0), m);
                    ids.set(fresh.id());
                    fresh.activate();
                    return fresh;
                });
                traced.add(trace);
                followedNow.add(traced);
            }
        });
        traces.put(trace.number(), trace);
        if (trace.isMetered()) {
            budget.meter(trace);
        }
        followed.put(trace, followedNow);
        try {
            reweave(newlyWoven);
        } catch (TraceException e) {
            detach(trace);
            throw e;
        }
        listener.started(trace);
        tickWhileNeeded();
        return trace;
    }

    /** Delivers calls and checks on pending traces while there are any; the ticks stop when there are none. */
    private void tickWhileNeeded() {
        if (ticking == null) {
            ticking = thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        pending.tick();
        budget.check();
        for (Trace trace : List.copyOf(traces.values())) {
            try {
                trace.deliver().ifPresent(reason -> finish(trace, reason));
            } catch (RuntimeException e) {
                ServerLog.warn("trace " + trace.number() + " failed and ends: " + e);
                finish(trace, "Hotline failed: " + e);
            }
        }
        stopTickingWhenIdle();
    }

    private void stopTickingWhenIdle() {
        if (traces.isEmpty() && pending.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** Ends a trace: its methods forget it, classes no trace needs any more get their code back, the client hears. */
    private void finish(Trace trace, String reason) {
        trace.stop(reason);
        detach(trace);
        trace.ended(reason);
    }

    /** Takes a trace off its methods, and gives back their code to the classes no trace needs any more. */
    private void detach(Trace trace) {
        traces.remove(trace.number());
        budget.forget(trace);
        Set<Class<?>> changed = new LinkedHashSet<>();
        for (TracedMethod method : followed.getOrDefault(trace, List.of())) {
            if (!method.remove(trace)) {
                method.deactivate();
                ids.clear(method.id());
                Map<String, TracedMethod> ofClass = woven.get(method.type());
                ofClass.values().remove(method);
                if (ofClass.isEmpty()) {
                    woven.remove(method.type());
                }
                changed.add(method.type());
            }
        }
        followed.remove(trace);
        try {
            reweave(changed);
        } catch (TraceException e) {
            ServerLog.warn(e.getMessage());
        }
        stopTickingWhenIdle();
    }

    /** Retransforms {@code classes} after the woven methods changed. */
    private void reweave(Set<Class<?>> classes) throws TraceException {
        if (classes.isEmpty()) {
            return;
        }
        plan = ClassWeaving.plan(woven, TracedMethod::id);
        weaving.reweave(classes);
    }

    /** Trace advice, for the methods the plan names. */
    private final class MethodAdvice implements ClassWeaving.Advice {
        @Override
        public byte[] weave(Class<?> type, byte[] classFile, boolean reloaded) {
            Map<String, Integer> ids = plan.get(type);
            return ids == null ? null : TraceWeaver.weave(classFile, ids);
        }

        @Override
        public boolean weavesAnything() {
            return !plan.isEmpty();
        }
    }
}
