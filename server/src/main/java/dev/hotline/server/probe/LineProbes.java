package dev.hotline.server.probe;

import dev.hotline.protocol.ProbeStatus;
import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.support.BootClasses;
import dev.hotline.server.support.ProbeLimits;
import dev.hotline.server.support.ServerLog;
import dev.hotline.server.trace.ClassWeaving;
import dev.hotline.server.trace.PendingStarts;
import dev.hotline.server.trace.ProbeAccounts;
import dev.hotline.server.trace.ProbeBudget;
import dev.hotline.server.trace.TraceException;
import dev.hotline.server.trace.TraceSpec;
import dev.hotline.server.trace.ValueText;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Probes in the running service: logpoints and captures of the locals at source lines, and catches of the
 * exceptions leaving a method. A probe's expressions are compiled before anything is woven; its code then gets a
 * call to the probes (through {@link ClassWeaving}, the one place where classes change), and when the last probe
 * on a class ends, the class gets its code back.
 *
 * <p>Everything but the hits runs on one thread, {@code hotline-probes}: starting and ending probes, and sending
 * their hits to clients every {@value #TICK_MILLIS} ms.
 */
public final class LineProbes {
    private static final long TICK_MILLIS = 10;

    private final Instrumentation instrumentation;
    private final SourceCompiler compiler;
    private final ClassWeaving weaving;
    private final ValueText values;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hotline-probes");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, LineProbe> probes = new LinkedHashMap<>();
    private final PendingStarts pending;
    private final ProbeAccounts accounts;
    private final ProbeBudget budget;
    private final ProbeLimits limits;
    private final ProbeTargets targets;
    private final Map<LineProbe, List<ProbeSite>> sitesOf = new HashMap<>();
    private final Map<Class<?>, Map<String, ProbeSite>> woven = new HashMap<>();
    private final BitSet ids = new BitSet();
    /** What is woven, by class. Replaced, never changed. */
    private volatile Map<Class<?>, ClassPlan> plan = Map.of();
    private ScheduledFuture<?> ticking;

    /**
     * @param compiler compiles the probes' expressions against the application's classes
     * @param weaving where the service's classes are changed
     * @param maxValueChars the longest value text sent (the service's {@code max-value})
     * @param limits what a logpoint may print and a capture hold
     * @param accounts the numbers and the budget line probes share with the other probes
     */
    public LineProbes(Instrumentation instrumentation, SourceCompiler compiler, ClassWeaving weaving,
            int maxValueChars, ProbeLimits limits, ProbeAccounts accounts) {
        this.instrumentation = instrumentation;
        this.compiler = compiler;
        this.weaving = weaving;
        this.values = new ValueText(maxValueChars);
        this.accounts = accounts;
        this.budget = accounts.budget();
        this.limits = limits;
        this.pending = new PendingStarts(weaving, thread);
        this.targets = new ProbeTargets(instrumentation, weaving);
        weaving.addBeforeOthers(new ProbeAdvice());
    }

    /**
     * Puts a probe at {@code place} ({@code CLASS:LINE} or {@code FILE.java:LINE}, see {@link LinePlace}) whose
     * hits go to {@code listener} until it ends. Fails with a {@link TraceException} (no such class, a line
     * without code, expressions that do not compile) before anything is woven. On a class named in full that is
     * not loaded yet, the probe is pending ({@link PendingStarts}): it completes when the class loads.
     *
     * @param owner who asked (a connection): {@link #end} names probes by owner
     */
    public CompletableFuture<LineProbe> start(String place, ProbeOptions options, Object owner,
            ProbeListener listener) {
        return startWhenLoaded(() -> ProbeTargets.parsed(place, options).className(), options, owner, listener,
                () -> startHere(place, options, owner, listener));
    }

    /**
     * Puts a catch on the methods {@code method} names ({@code CLASS::METHOD}, as a trace takes): each hit is an
     * exception leaving one of them, of the class {@code exception} names when it names one, with the locals in
     * scope at the line it left from. Fails and waits for its class as {@link #start} does.
     */
    public CompletableFuture<LineProbe> startCatch(String method, Optional<String> exception, ProbeOptions options,
            Object owner, ProbeListener listener) {
        return startWhenLoaded(() -> ProbeTargets.methodSpec(method).className(), options, owner, listener,
                () -> catchHere(method, exception, options, owner, listener));
    }

    /** Starts a probe on {@code className} now, or when it loads if it is named in full and not loaded yet. */
    private CompletableFuture<LineProbe> startWhenLoaded(PendingStarts.Starter<String> className,
            ProbeOptions options, Object owner, ProbeListener listener, PendingStarts.Starter<LineProbe> starter) {
        CompletableFuture<LineProbe> started = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                String name = className.start();
                if (name.contains(".") && !weaving.isLoaded(name)) {
                    listener.pending(name);
                    pending.await(PendingStarts.waiter(owner, listener::isOpen, listener::note,
                            reason -> listener.ended(reason, 0, 0), starter, started), name, options.seconds());
                    tickWhileNeeded();
                } else {
                    started.complete(starter.start());
                }
            } catch (TraceException | RuntimeException | LinkageError e) {
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    /** Why a {@link #start} failed, for the client. */
    public static String failureMessage(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof TraceException ? cause.getMessage() : "cannot probe: " + cause;
    }

    /**
     * Ends probes: the one numbered {@code number}, whoever set it (its client hears who ended it), or, when it is
     * empty, every probe {@code owner} set, pending ones too.
     */
    public CompletableFuture<List<LineProbe>> end(Object owner, Optional<Integer> number) {
        return CompletableFuture.supplyAsync(() -> {
            List<LineProbe> ending = probes.values().stream()
                    .filter(p -> number.map(n -> n == p.number()).orElse(p.owner() == owner)).toList();
            ending.forEach(p -> finish(p, p.owner() == owner ? "removed" : "removed by another client"));
            if (number.isEmpty()) {
                pending.end(owner);
            }
            return ending;
        }, thread);
    }

    /** Every probe, whoever set it: those on, then those pending. */
    public CompletableFuture<List<ProbeStatus>> statuses() {
        return CompletableFuture.supplyAsync(() -> {
            List<ProbeStatus> all = new ArrayList<>(probes.values().stream().map(LineProbe::status).toList());
            pending.classesAwaited().forEach(name -> all.add(ProbeStatus.pending(name)));
            return all;
        }, thread);
    }

    /** Ends every probe, pending ones too (Hotline is detaching), and gives every class its code back. */
    public void close() {
        try {
            thread.submit(() -> {
                List.copyOf(probes.values()).forEach(p -> finish(p, "Hotline was detached"));
                pending.endAll("Hotline was detached");
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            ServerLog.warn("probes did not all end before Hotline detached: " + e);
        }
        thread.shutdownNow();
    }

    private LineProbe startHere(String placeText, ProbeOptions options, Object owner, ProbeListener listener)
            throws TraceException {
        requireBootClasses();
        LinePlace place = ProbeTargets.parsed(placeText, options);
        Template template = options.message().map(Template::parse).orElse(null);
        Map<Class<?>, List<LineSites.Site>> sites = targets.sitesOf(place);
        Map.Entry<Class<?>, List<LineSites.Site>> first = sites.entrySet().iterator().next();
        LineSites.Site site = first.getValue().get(0);
        LineExpressions expressions = template != null
                ? LineExpressions.compile(compiler, first.getKey(), site, options.where(), template.expressions(),
                        part -> "the message's {" + part + "}", options.unsafe())
                : compileShown(first.getKey(), site, options);
        String method = site.method().substring(0, site.method().indexOf('('));
        String description = (options.logs() ? "logpoint at " : "capture at ") + first.getKey().getName() + ":"
                + place.line() + " (in " + method + ")";
        LineProbe probe = new LineProbe(accounts.nextNumber(), description, first.getKey().getName() + ":" + place.line(),
                owner, options, template, expressions, site.locals().stream().map(LineSites.Local::name).toList(),
                Optional.empty(), values, listener, limits);
        Map<Class<?>, List<ProbeSite.Maker>> makers = new LinkedHashMap<>();
        sites.forEach((type, list) -> makers.put(type, list.stream()
                .filter(s -> s.locals().equals(site.locals())) // compiled for the first site's locals: only those
                .map(s -> new ProbeSite.Maker(ProbedLine.key(s.method(), place.line(), s.localsKey()),
                        id -> new ProbedLine(id, type, s, place.line())))
                .toList()));
        attach(probe, makers, listener);
        if (!site.namesKnown()) {
            listener.note(first.getKey().getName() + " was compiled without local variable names (javac -g), so"
                    + " the probe sees the method's arguments only, as p0, p1, ...");
        }
        return probe;
    }

    private LineProbe catchHere(String methodText, Optional<String> exception, ProbeOptions options, Object owner,
            ProbeListener listener) throws TraceException {
        requireBootClasses();
        TraceSpec spec = ProbeTargets.methodSpec(methodText);
        Map<Class<?>, List<MethodNode>> methods = targets.methodsOf(spec);
        Map.Entry<Class<?>, List<MethodNode>> first = methods.entrySet().iterator().next();
        MethodNode firstMethod = first.getValue().get(0);
        List<LineSites.Local> arguments = CatchWeaver.arguments(firstMethod);
        List<LineSites.Local> scope = new ArrayList<>(arguments);
        scope.add(new LineSites.Local("thrown", ProbeTargets.exceptionType(first.getKey(), exception), -1));
        LineSites.Site site = new LineSites.Site(firstMethod.name + firstMethod.desc,
                (firstMethod.access & Opcodes.ACC_STATIC) == 0, scope, firstMethod.localVariables != null
                        && !firstMethod.localVariables.isEmpty(), "");
        LineExpressions expressions = compileShown(first.getKey(), site, options);
        List<String> otherArguments = new ArrayList<>(); // compiled for the first one's arguments: not these
        Map<Class<?>, List<ProbeSite.Maker>> makers = new LinkedHashMap<>();
        methods.forEach((type, list) -> makers.put(type, list.stream().filter(m -> {
            boolean same = CatchWeaver.arguments(m).equals(arguments);
            if (!same) {
                otherArguments.add(m.name + m.desc);
            }
            return same;
        }).map(m -> new ProbeSite.Maker(m.name + m.desc, id -> new CaughtMethod(id, type, m.name + m.desc,
                arguments.stream().map(LineSites.Local::name).toList()))).toList()));
        String description = "catch of " + exception.orElse("any exception") + " leaving " + first.getKey().getName()
                + "::" + spec.method() + (methods.values().stream().mapToInt(List::size).sum()
                        - otherArguments.size() > 1 ? " (overloads)" : "");
        LineProbe probe = new LineProbe(accounts.nextNumber(), description, first.getKey().getName(), owner, options,
                null, expressions, List.of(), exception, values, listener, limits);
        attach(probe, makers, listener);
        if (!otherArguments.isEmpty()) {
            listener.note("not caught: " + String.join(", ", otherArguments) + ", whose arguments differ from "
                    + firstMethod.name + firstMethod.desc + "'s; catch one overload by its parameter types, as in "
                    + spec.className() + "::" + spec.method() + "(String,int)");
        }
        return probe;
    }

    /** A capture's {@code --where} and {@code --show}, compiled for {@code site}. */
    private LineExpressions compileShown(Class<?> type, LineSites.Site site, ProbeOptions options)
            throws TraceException {
        return LineExpressions.compile(compiler, type, site, options.where(), options.show(),
                part -> "--show " + part, options.unsafe());
    }

    private void requireBootClasses() throws TraceException {
        if (!BootClasses.install(instrumentation)) {
            throw new TraceException("probes are unavailable in this JVM: Hotline's log says why");
        }
    }

    /**
     * Puts {@code probe} on its sites (made by the makers where its class has none with the maker's key yet),
     * weaves the classes that have new sites, and tells the client it is on.
     */
    private void attach(LineProbe probe, Map<Class<?>, List<ProbeSite.Maker>> makers, ProbeListener listener)
            throws TraceException {
        Set<Class<?>> newlyWoven = new LinkedHashSet<>();
        List<ProbeSite> on = new ArrayList<>();
        makers.forEach((type, list) -> {
            Map<String, ProbeSite> ofClass = woven.computeIfAbsent(type, t -> new HashMap<>());
            for (ProbeSite.Maker maker : list) {
                ProbeSite site = ofClass.computeIfAbsent(maker.key(), key -> {
                    newlyWoven.add(type);
                    ProbeSite fresh = maker.make().apply(ids.nextClearBit(0));
                    ids.set(fresh.id());
                    fresh.activate();
                    return fresh;
                });
                site.add(probe);
                on.add(site);
            }
        });
        probes.put(probe.number(), probe);
        sitesOf.put(probe, on);
        budget.meter(probe);
        try {
            reweave(newlyWoven);
        } catch (TraceException e) {
            detach(probe);
            throw e;
        }
        listener.started(probe);
        tickWhileNeeded();
    }

    /** Delivers hits and checks on pending probes while there are any; the ticks stop when there are none. */
    private void tickWhileNeeded() {
        if (ticking == null) {
            ticking = thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        pending.tick();
        budget.check();
        for (LineProbe probe : List.copyOf(probes.values())) {
            try {
                probe.deliver().ifPresent(reason -> finish(probe, reason));
            } catch (RuntimeException e) {
                ServerLog.warn("probe " + probe.number() + " failed and ends: " + e);
                finish(probe, "Hotline failed: " + e);
            }
        }
        stopTickingWhenIdle();
    }

    private void stopTickingWhenIdle() {
        if (probes.isEmpty() && pending.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** Ends a probe: its lines forget it, classes no probe needs any more get their code back, the client hears. */
    private void finish(LineProbe probe, String reason) {
        probe.stop(reason);
        detach(probe);
        probe.ended(reason);
    }

    private void detach(LineProbe probe) {
        probes.remove(probe.number());
        budget.forget(probe);
        Set<Class<?>> changed = new LinkedHashSet<>();
        for (ProbeSite site : sitesOf.getOrDefault(probe, List.of())) {
            if (!site.remove(probe)) {
                site.deactivate();
                ids.clear(site.id());
                Map<String, ProbeSite> ofClass = woven.get(site.type());
                ofClass.remove(site.key());
                if (ofClass.isEmpty()) {
                    woven.remove(site.type());
                }
                changed.add(site.type());
            }
        }
        sitesOf.remove(probe);
        try {
            reweave(changed);
        } catch (TraceException e) {
            ServerLog.warn(e.getMessage());
        }
        stopTickingWhenIdle();
    }

    private void reweave(Set<Class<?>> classes) throws TraceException {
        if (classes.isEmpty()) {
            return;
        }
        replan();
        weaving.reweave(classes);
    }

    private void replan() {
        Map<Class<?>, ClassPlan> next = new HashMap<>();
        woven.forEach((type, ofClass) -> next.put(type, ClassPlan.of(ofClass.values())));
        plan = Map.copyOf(next);
    }

    /**
     * After a hot reload of {@code type}, where its probed lines and caught methods were found in the new code:
     * each probe hears it was kept, moved (and now shows its new line), or is gone, and then ends. Probes' thread
     * only.
     */
    private void relocate(Class<?> type, Map<Integer, Integer> lines, Set<Integer> caught) {
        Map<String, ProbeSite> ofClass = woven.get(type);
        if (ofClass == null) {
            return;
        }
        for (ProbeSite site : List.copyOf(ofClass.values())) {
            if (site instanceof ProbedLine line && lines.containsKey(line.id())) {
                relocate(type, ofClass, line, lines.get(line.id()));
            } else if (site instanceof CaughtMethod method && !caught.contains(method.id())) {
                method.probes().forEach(p -> finish(p, "gone: the hot reload of " + type.getName() + " left no "
                        + method.key() + " to catch"));
            } else if (site instanceof CaughtMethod method) {
                method.probes().forEach(p -> p.note("kept on " + type.getName() + "::" + method.key()
                        + " through a hot reload"));
            }
        }
        replan();
    }

    private void relocate(Class<?> type, Map<String, ProbeSite> ofClass, ProbedLine line, int now) {
        int was = line.line();
        if (now < 0) {
            line.probes().forEach(p -> finish(p, "gone: the hot reload of " + type.getName() + " left no line"
                    + " with the code and locals of line " + was + " in its method"));
        } else if (now != was) {
            ofClass.remove(line.key());
            line.moveTo(now);
            ofClass.put(line.key(), line);
            line.probes().forEach(p -> p.moved(type.getName() + ":" + now, "moved " + was + " → " + now
                    + ": a hot reload of " + type.getName() + " put line " + was + "'s code at line " + now));
        } else {
            line.probes().forEach(p -> p.note("kept at " + type.getName() + ":" + was + " through a hot reload of "
                    + type.getName()));
        }
    }

    /** The probes' code, in the classes the plan names: lines first, then the catches' handlers around them. */
    private final class ProbeAdvice implements ClassWeaving.Advice {
        @Override
        public byte[] weave(Class<?> type, byte[] classFile, boolean reloaded) {
            ClassPlan classPlan = plan.get(type);
            if (classPlan == null) {
                return null;
            }
            ClassPlan.Woven woven = classPlan.weave(classFile);
            if (reloaded) {
                thread.execute(() -> relocate(type, woven.lines(), woven.caught()));
            }
            return woven.classFile();
        }

        @Override
        public boolean weavesAnything() {
            return !plan.isEmpty();
        }
    }
}
