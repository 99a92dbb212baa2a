package dev.hotline.server.trace;

import dev.hotline.protocol.ProbeStatus;
import dev.hotline.protocol.TraceCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One trace a client asked for. Traced threads {@link #record} their calls: the condition is checked and the
 * call rendered on the traced thread (while the arguments are as they were), then queued without waiting; when
 * the queue is full, the call is only counted as dropped. The tracer's thread {@link #deliver}s the queue to the
 * client as fast as the client reads, up to {@value #PER_DELIVERY} calls a delivery (20,000 a second): more than
 * anyone reads, and a bound on what showing them costs the service.
 */
public final class Trace extends Metered {
    /** Calls rendered and waiting for the client; beyond this many, calls are dropped. */
    static final int QUEUE = 1024;
    /** Calls sent to the client at most per delivery. */
    static final int PER_DELIVERY = 200;
    private static final int MAX_STACK = 64;

    private final int number;
    private final String description;
    private final Object owner;
    private final TraceOptions options;
    private final CallProbe probe;
    private final ValueText values;
    private final TraceListener listener;
    private final long deadlineNanos;
    private final LatencyHistogram latencies; // a monitor's; null for a trace
    private long nextSummaryNanos; // tracer thread only
    private final Queue<TraceCall> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger(); // the queue's size, kept at most QUEUE
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong settled = new AtomicLong(); // matched calls queued or dropped
    private final LongAdder dropped = new LongAdder();
    private volatile String probeFailure;
    private volatile String stopReason;
    private long droppedReported; // tracer thread only
    private long shown; // tracer thread only
    private boolean probeFailureReported; // tracer thread only

    Trace(int number, String description, Object owner, TraceOptions options, CallProbe probe, ValueText values,
            TraceListener listener) {
        this.number = number;
        this.description = description;
        this.owner = owner;
        this.options = options;
        this.probe = probe;
        this.values = values;
        this.listener = listener;
        this.deadlineNanos = options.seconds() == 0 ? Long.MAX_VALUE : System.nanoTime() + options.seconds() * 1_000_000_000L;
        this.latencies = options.monitors() ? new LatencyHistogram() : null;
        this.nextSummaryNanos = System.nanoTime() + options.every() * 1_000_000_000L;
    }

    /** Its number, by which {@code /untrace} names it. */
    public int number() {
        return number;
    }

    /** What it traces, in words: {@code dev.acme.Greeter::greet (2 methods)}. */
    public String description() {
        return description;
    }

    /** Who started it (a connection); its traces end with it. */
    Object owner() {
        return owner;
    }

    /** Called on the traced thread as a call ends. Never blocks and never throws. */
    void record(Class<?> type, String method, Object self, Object[] args, Object result, Throwable thrown,
            boolean isVoid, long nanos) {
        if (stopReason != null) {
            return;
        }
        Optional<String> shownText = Optional.empty();
        if (probe.works()) {
            shownText = workOn(new Object[] {self, args, result, thrown}, method);
            if (shownText == null) {
                return;
            }
        }
        long number = matched.incrementAndGet();
        if (latencies != null) {
            latencies.add(nanos, thrown != null);
            return;
        }
        if (number > options.count()) {
            return;
        }
        if (queued.incrementAndGet() > QUEUE) {
            queued.decrementAndGet();
            dropped.increment();
            settled.incrementAndGet();
            return;
        }
        List<String> argTexts = new ArrayList<>(args.length);
        for (Object arg : args) {
            argTexts.add(values.of(arg));
        }
        TraceCall traced = new TraceCall(Thread.currentThread().getName(), System.currentTimeMillis(), type.getName(),
                method, argTexts, thrown != null || isVoid ? Optional.empty() : Optional.of(values.of(result)),
                thrown == null ? Optional.empty() : Optional.of(values.ofThrown(thrown)), shownText, nanos,
                options.stack() ? callers(type, method) : List.of());
        queue.add(traced);
        settled.incrementAndGet();
    }

    /**
     * Its {@code --where} and {@code --show} on one call, metered for the budget, apart from {@link #record} so
     * that a trace without them stays small enough for the JIT to inline.
     *
     * @return the shown value's text (empty without {@code --show}), or null when the call is skipped: the
     *     condition does not hold, it threw, or the trace is paused
     */
    private Optional<String> workOn(Object[] call, String method) {
        if (isPaused()) {
            return null;
        }
        long started = startHit();
        try {
            if (!probe.where(call)) {
                return null;
            }
            return probe.shows() ? Optional.of(values.of(probe.show(call))) : Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            if (probeFailure == null) {
                probeFailure = "--where/--show threw " + e + " on a call of " + method + "; such calls are skipped";
            }
            return null;
        } finally {
            endHit(started);
        }
    }

    /** The stack below the traced method's own frame: its caller first. */
    private static List<String> callers(Class<?> type, String method) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        int i = 0;
        while (i < stack.length && !(stack[i].getClassName().equals(type.getName())
                && stack[i].getMethodName().equals(method))) {
            i++;
        }
        return Arrays.stream(stack).skip(i + 1L).limit(MAX_STACK).map(StackTraceElement::toString).toList();
    }

    /**
     * Sends what the client can take now. Tracer thread only.
     *
     * @return why the trace is over, once it is: its limit was met and everything was sent, or the client left
     */
    Optional<String> deliver() {
        if (!listener.isOpen()) {
            return Optional.of("the client went away");
        }
        if (probeFailure != null && !probeFailureReported) {
            probeFailureReported = true;
            listener.note(probeFailure);
        }
        sayBudgetNotes(listener::note);
        for (int sent = 0; sent < PER_DELIVERY && listener.isWritable(); sent++) {
            TraceCall next = queue.poll();
            if (next == null) {
                break;
            }
            queued.decrementAndGet();
            long droppedNow = dropped.sum();
            if (droppedNow > droppedReported) {
                listener.dropped(droppedNow - droppedReported);
                droppedReported = droppedNow;
            }
            listener.call(next);
            shown++;
        }
        if (latencies != null && System.nanoTime() - nextSummaryNanos >= 0) {
            nextSummaryNanos += options.every() * 1_000_000_000L;
            listener.interval(latencies.take());
        }
        listener.flush();
        if (stopReason == null && settled.get() >= options.count()) {
            stopReason = options.count() + (options.count() == 1 ? " call" : " calls") + " traced";
        }
        if (stopReason == null && System.nanoTime() - deadlineNanos >= 0) {
            stopReason = options.seconds() + (options.seconds() == 1 ? " second" : " seconds") + " passed";
        }
        if (stopReason == null || !queue.isEmpty()) {
            return Optional.empty();
        }
        if (latencies != null) {
            listener.interval(latencies.take()); // the last interval, cut short
        }
        return Optional.of(stopReason);
    }

    /** Its state and counts, for a listing of every probe. Tracer thread only. */
    ProbeStatus status() {
        return new ProbeStatus(number, (latencies != null ? "monitor of " : "trace of ") + description,
                isPaused() ? "paused" : "on", matched.get(), shown, dropped.sum(), cost().since(HitCost.Reading.NONE) / 1e6);
    }

    /** Whether the budget should meter it: it has a condition or a value to show. */
    boolean isMetered() {
        return probe.works();
    }

    /** Stops taking calls; what is queued is still sent. */
    @Override
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Tells the client the trace is over. Tracer thread only, once the class's code is back. */
    void ended(String reason) {
        listener.ended(new TraceSummary(reason, shown, dropped.sum()));
    }
}
