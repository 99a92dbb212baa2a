package dev.hotline.server.probe;

import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.support.BootClasses;
import dev.hotline.server.support.ProbeLimits;
import dev.hotline.server.support.ServerLog;
import dev.hotline.server.trace.ClassWeaving;
import dev.hotline.server.trace.PendingStarts;
import dev.hotline.server.trace.TraceException;
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
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.objectweb.asm.tree.ClassNode;

/**
 * Probes at source lines of the running service: logpoints and captures of the locals. A probe's expressions are
 * compiled before anything is woven; its line then gets a call to the probes (through {@link ClassWeaving}, the
 * one place where classes change), and when the last probe on a class ends, the class gets its code back.
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
    private final ProbeBudget budget;
    private final int linesPerSecond;
    private final Map<LineProbe, List<ProbedLine>> lines = new HashMap<>();
    private final Map<Class<?>, Map<String, ProbedLine>> woven = new HashMap<>();
    private final BitSet ids = new BitSet();
    /** What is woven: the probed lines, by class. Replaced, never changed. */
    private volatile Map<Class<?>, List<LineWeaver.Planned>> plan = Map.of();
    private int lastNumber;
    private ScheduledFuture<?> ticking;

    /**
     * @param compiler compiles the probes' expressions against the application's classes
     * @param weaving where the service's classes are changed
     * @param maxValueChars the longest value text sent (the service's {@code max-value})
     * @param limits what probes may cost the service
     */
    public LineProbes(Instrumentation instrumentation, SourceCompiler compiler, ClassWeaving weaving,
            int maxValueChars, ProbeLimits limits) {
        this.instrumentation = instrumentation;
        this.compiler = compiler;
        this.weaving = weaving;
        this.values = new ValueText(maxValueChars);
        this.budget = new ProbeBudget(limits.budgetPercent());
        this.linesPerSecond = limits.linesPerSecond();
        this.pending = new PendingStarts(weaving, thread);
        weaving.addBeforeOthers(new LineAdvice());
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
        CompletableFuture<LineProbe> started = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                String className = parsed(place, options).className();
                if (className.contains(".") && !weaving.isLoaded(className)) {
                    pending.await(PendingStarts.waiter(owner, listener::isOpen, listener::note,
                            reason -> listener.ended(reason, 0, 0), () -> startHere(place, options, owner, listener),
                            started), className, options.seconds());
                    tickWhileNeeded();
                } else {
                    started.complete(startHere(place, options, owner, listener));
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

    /** Ends the probes {@code owner} set: the one numbered {@code number}, or all of them when it is empty. */
    public CompletableFuture<List<LineProbe>> end(Object owner, Optional<Integer> number) {
        return CompletableFuture.supplyAsync(() -> {
            List<LineProbe> ending = probes.values().stream()
                    .filter(p -> p.owner() == owner && number.map(n -> n == p.number()).orElse(true)).toList();
            ending.forEach(p -> finish(p, "removed"));
            if (number.isEmpty()) {
                pending.end(owner);
            }
            return ending;
        }, thread);
    }

    /** The probes on now. */
    public CompletableFuture<List<LineProbe>> running() {
        return CompletableFuture.supplyAsync(() -> List.copyOf(probes.values()), thread);
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
        if (!BootClasses.install(instrumentation)) {
            throw new TraceException("probes are unavailable in this JVM: Hotline's log says why");
        }
        LinePlace place = parsed(placeText, options);
        Template template = options.message().map(Template::parse).orElse(null);
        Map<Class<?>, List<LineSites.Site>> sites = sitesOf(place);
        Map.Entry<Class<?>, List<LineSites.Site>> first = sites.entrySet().iterator().next();
        LineSites.Site site = first.getValue().get(0);
        LineExpressions expressions = LineExpressions.compile(compiler, first.getKey(), site, options.where(),
                template == null ? List.of() : template.expressions(), options.unsafe());
        String method = site.method().substring(0, site.method().indexOf('('));
        String description = (options.logs() ? "logpoint at " : "capture at ") + first.getKey().getName() + ":"
                + place.line() + " (in " + method + ")";
        LineProbe probe = new LineProbe(++lastNumber, description, first.getKey().getName() + ":" + place.line(),
                owner, options, template, expressions, site.locals().stream().map(LineSites.Local::name).toList(),
                values, listener, linesPerSecond);
        Set<Class<?>> newlyWoven = new LinkedHashSet<>();
        List<ProbedLine> on = new ArrayList<>();
        sites.forEach((type, list) -> {
            Map<String, ProbedLine> ofClass = woven.computeIfAbsent(type, t -> new HashMap<>());
            for (LineSites.Site s : list) {
                if (!s.locals().equals(site.locals())) {
                    continue; // compiled against the first site's locals, it cannot read another's
                }
                ProbedLine line = ofClass.computeIfAbsent(ProbedLine.key(s.method(), place.line(), s.localsKey()), key -> {
                    newlyWoven.add(type);
                    ProbedLine fresh = new ProbedLine(ids.nextClearBit(0), type, s, place.line());
                    ids.set(fresh.id());
                    fresh.activate();
                    return fresh;
                });
                line.add(probe);
                on.add(line);
            }
        });
        probes.put(probe.number(), probe);
        lines.put(probe, on);
        try {
            reweave(newlyWoven);
        } catch (TraceException e) {
            detach(probe);
            throw e;
        }
        listener.started(probe);
        if (!site.namesKnown()) {
            listener.note(first.getKey().getName() + " was compiled without local variable names (javac -g), so"
                    + " the probe sees the method's arguments only, as p0, p1, ...");
        }
        tickWhileNeeded();
        return probe;
    }

    /** The place, once it and the message are known to be well formed. */
    private static LinePlace parsed(String placeText, ProbeOptions options) throws TraceException {
        try {
            options.message().ifPresent(Template::parse);
            return LinePlace.parse(placeText);
        } catch (IllegalArgumentException e) {
            throw new TraceException(e.getMessage());
        }
    }

    /** The loaded classes (the named one and those nested in it) with code at the line, and its sites in each. */
    private Map<Class<?>, List<LineSites.Site>> sitesOf(LinePlace place) throws TraceException {
        Map<Class<?>, List<LineSites.Site>> sites = new LinkedHashMap<>();
        List<Class<?>> named = weaving.classesNamed(place.className());
        SortedSet<Integer> lines = null;
        for (Class<?> top : named) {
            for (Class<?> type : withNested(top)) {
                ClassNode node = LineSites.read(weaving.classFile(type));
                List<LineSites.Site> found = LineSites.find(node, place.line());
                if (!found.isEmpty()) {
                    sites.put(type, found);
                }
                if (type == top) {
                    lines = LineSites.linesWithCode(node);
                }
            }
        }
        if (sites.isEmpty()) {
            Class<?> top = named.get(0);
            throw new TraceException(lines == null || lines.isEmpty()
                    ? top.getName() + " has no line numbers (it was compiled without them), so no line of it can be"
                            + " probed; probe a method with hotline trace instead"
                    : "line " + place.line() + " of " + top.getName() + " has no code" + nearest(lines, place.line()));
        }
        return sites;
    }

    /** {@code top} and the loaded classes nested in it (inner, anonymous, local), by the same loader. */
    private List<Class<?>> withNested(Class<?> top) {
        List<Class<?>> all = new ArrayList<>(List.of(top));
        String prefix = top.getName() + "$";
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().startsWith(prefix) && c.getClassLoader() == top.getClassLoader() && !c.isHidden()
                    && instrumentation.isModifiableClass(c)) {
                all.add(c);
            }
        }
        return all;
    }

    private static String nearest(SortedSet<Integer> lines, int line) {
        SortedSet<Integer> before = lines.headSet(line);
        SortedSet<Integer> after = lines.tailSet(line);
        List<String> near = new ArrayList<>();
        if (!before.isEmpty()) {
            near.add(String.valueOf(before.last()));
        }
        if (!after.isEmpty()) {
            near.add(String.valueOf(after.first()));
        }
        return near.isEmpty() ? "" : near.size() == 1 ? "; the nearest line with code is " + near.get(0)
                : "; the nearest lines with code are " + String.join(" and ", near);
    }

    /** Delivers hits and checks on pending probes while there are any; the ticks stop when there are none. */
    private void tickWhileNeeded() {
        if (ticking == null) {
            ticking = thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        pending.tick();
        budget.check(probes.values(), this::finish);
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
        Set<Class<?>> changed = new LinkedHashSet<>();
        for (ProbedLine line : lines.getOrDefault(probe, List.of())) {
            if (!line.remove(probe)) {
                line.deactivate();
                ids.clear(line.id());
                Map<String, ProbedLine> ofClass = woven.get(line.type());
                ofClass.remove(line.key());
                if (ofClass.isEmpty()) {
                    woven.remove(line.type());
                }
                changed.add(line.type());
            }
        }
        lines.remove(probe);
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
        Map<Class<?>, List<LineWeaver.Planned>> next = new HashMap<>();
        woven.forEach((type, ofClass) -> next.put(type, ofClass.values().stream().map(ProbedLine::planned).toList()));
        plan = Map.copyOf(next);
    }

    /**
     * After a hot reload of {@code type}, where its probed lines were found in the new code: each probe hears it
     * was kept, moved (and now shows its new line), or is gone, and then ends. Probes' thread only.
     */
    private void relocate(Class<?> type, Map<Integer, Integer> found) {
        Map<String, ProbedLine> ofClass = woven.get(type);
        if (ofClass == null) {
            return;
        }
        for (ProbedLine line : List.copyOf(ofClass.values())) {
            Integer now = found.get(line.id());
            if (now == null) {
                continue;
            }
            int was = line.line();
            String at = type.getName() + ":" + was;
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
                line.probes().forEach(p -> p.note("kept at " + at + " through a hot reload of " + type.getName()));
            }
        }
        replan();
    }

    /** Line probes, for the lines the plan names. */
    private final class LineAdvice implements ClassWeaving.Advice {
        @Override
        public byte[] weave(Class<?> type, byte[] classFile, boolean reloaded) {
            List<LineWeaver.Planned> lines = plan.get(type);
            if (lines == null) {
                return null;
            }
            LineWeaver.Woven woven = LineWeaver.weave(classFile, lines);
            if (reloaded) {
                thread.execute(() -> relocate(type, woven.lines()));
            }
            return woven.classFile();
        }

        @Override
        public boolean weavesAnything() {
            return !plan.isEmpty();
        }
    }
}
