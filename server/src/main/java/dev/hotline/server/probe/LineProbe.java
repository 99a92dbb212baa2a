package dev.hotline.server.probe;

import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.ProbeStatus;
import dev.hotline.server.support.ProbeLimits;
import dev.hotline.server.support.BoundedText;
import dev.hotline.server.trace.HitCost;
import dev.hotline.server.trace.Metered;
import dev.hotline.server.trace.ValueText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One probe: a logpoint at a line (its message filled in at each hit), a capture at a line (the locals in scope,
 * this and the stack, or what {@code --show} names), or a catch of a method (a capture where an exception leaves
 * it). The hitting thread checks {@code --where}, renders the hit and queues it without waiting; a full queue
 * drops it and counts the drop. The probes' thread {@link #deliver}s the queue as fast as the client reads.
 *
 * <p>What its hits cost the hitting threads is measured ({@link Metered}), for the service's
 * {@code ProbeBudget}; a paused probe's hits return at once. A logpoint shows at most its rate of lines and
 * kilobytes a second; the others are counted and said.
 */
public final class LineProbe extends Metered {
    static final int QUEUE = 256;
    static final int PER_DELIVERY = 100;
    private static final int MAX_STACK = 32;

    private final int number;
    private volatile String description; // a hot reload may move its line
    private volatile String place;
    private final Object owner;
    private final ProbeOptions options;
    private final Template template;
    private final LineExpressions expressions;
    private final List<String> localNames;
    private final Optional<String> exception;
    private final ValueText values;
    private final ProbeListener listener;
    private final long deadlineNanos;
    private final ArrayBlockingQueue<ProbeHit> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong settled = new AtomicLong(); // matched hits queued or dropped
    private final LongAdder dropped = new LongAdder();
    private final LongAdder overRate = new LongAdder();
    private final ProbeLimits limits;
    private final AtomicLong rateSecond = new AtomicLong();
    private final AtomicLong linesThisSecond = new AtomicLong();
    private final AtomicLong charsThisSecond = new AtomicLong();
    private long overRateReported; // probes' thread only
    private long overRateReportedAt = System.nanoTime(); // probes' thread only
    private volatile String failure;
    private volatile String stopReason;
    private long droppedReported; // probes' thread only
    private long shown; // probes' thread only
    private boolean failureReported; // probes' thread only

    LineProbe(int number, String description, String place, Object owner, ProbeOptions options, Template template,
            LineExpressions expressions, List<String> localNames, Optional<String> exception, ValueText values,
            ProbeListener listener, ProbeLimits limits) {
        this.number = number;
        this.description = description;
        this.place = place;
        this.owner = owner;
        this.options = options;
        this.template = template;
        this.expressions = expressions;
        this.localNames = localNames;
        this.exception = exception;
        this.values = values;
        this.listener = listener;
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + options.seconds() * 1_000_000_000L;
    }

    /** Its number, by which the client names it. */
    public int number() {
        return number;
    }

    /** Where it probes now: {@code com.acme.Pricing:42}, or for a catch the class. */
    public String place() {
        return place;
    }

    /** Where it is and what it does, in words: {@code logpoint at com.acme.Pricing:42 (in quote(Order))}. */
    public String description() {
        return description;
    }

    Object owner() {
        return owner;
    }

    /** Called on the hitting thread before the line runs. Never blocks and never throws. */
    void hit(Object self, Object[] locals) {
        if (stopReason != null || isPaused()) {
            return;
        }
        long started = startHit();
        try {
            evaluate(self, locals, place, localNames, locals, null);
        } finally {
            endHit(started);
        }
    }

    /**
     * Called on the hitting thread as {@code thrown} leaves a caught method from {@code place}, where
     * {@code names} name the {@code locals} in scope; {@code scope} is what the expressions see. Never blocks and
     * never throws.
     */
    void caught(Throwable thrown, Object self, String place, List<String> names, Object[] locals, Object[] scope) {
        if (stopReason != null || isPaused() || !isCaught(thrown)) {
            return;
        }
        long started = startHit();
        try {
            evaluate(self, scope, place, names, locals, thrown);
        } finally {
            endHit(started);
        }
    }

    /** Whether {@code thrown} is of the exception class the catch names (by full or simple name), if it names one. */
    private boolean isCaught(Throwable thrown) {
        if (exception.isEmpty()) {
            return true;
        }
        for (Class<?> c = thrown.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(exception.get()) || c.getSimpleName().equals(exception.get())) {
                return true;
            }
        }
        return false;
    }

    private void evaluate(Object self, Object[] scope, String at, List<String> names, Object[] locals,
            Throwable thrown) {
        Object[] parts;
        try {
            parts = expressions.evaluate(self, scope);
        } catch (RuntimeException | LinkageError e) {
            if (failure == null) {
                failure = "the probe's expressions threw " + e + " at " + description + "; such hits are skipped";
            }
            return;
        }
        if (parts == null) {
            return;
        }
        ProbeHit hit;
        if (template == null) { // a capture: counted first, so none is taken past its count
            if (matched.incrementAndGet() > options.count()) {
                return;
            }
            hit = captured(self, at, shown(parts, names, locals), thrown);
        } else { // a logpoint: its rate bounds what is rendered
            if (!withinLineRate()) {
                return;
            }
            hit = logged(parts);
            if (!withinByteRate(hit.message().orElse("").length()) || matched.incrementAndGet() > options.count()) {
                return;
            }
        }
        if (!queue.offer(hit)) {
            dropped.increment();
        }
        settled.incrementAndGet();
    }

    /** Whether a logpoint may print one more line this second ({@code probe-rate}); counts it when not. */
    private boolean withinLineRate() {
        long second = System.nanoTime() / 1_000_000_000L;
        if (rateSecond.get() != second && rateSecond.getAndSet(second) != second) {
            linesThisSecond.set(0);
            charsThisSecond.set(0);
        }
        return withinRate(linesThisSecond.incrementAndGet() <= limits.linesPerSecond());
    }

    /**
     * Whether a logpoint's line of {@code chars} characters fits in this second's {@code probe-bytes} (a character
     * counted as a byte); counts it when not.
     */
    private boolean withinByteRate(int chars) {
        return withinRate(charsThisSecond.addAndGet(chars) <= limits.kilobytesPerSecond() * 1024L);
    }

    private boolean withinRate(boolean within) {
        if (!within) {
            overRate.increment();
        }
        return within;
    }

    /** Its state and counts, for a listing of every probe. Probes' thread only. */
    ProbeStatus status() {
        HitCost.Reading reading = cost();
        return new ProbeStatus(number, description, isPaused() ? "paused" : "on", reading.hits(), shown, dropped.sum(),
                reading.since(HitCost.Reading.NONE) / 1e6);
    }

    /** A hot reload moved its line: its hits now show {@code newPlace}; the client hears how. Probes' thread only. */
    void moved(String newPlace, String how) {
        description = description.replace(place, newPlace);
        place = newPlace;
        listener.moved(newPlace, how);
    }

    /** Something the client should know. Probes' thread only. */
    void note(String text) {
        listener.note(text);
    }

    private ProbeHit logged(Object[] parts) {
        List<String> texts = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            texts.add(Redaction.hides(template.expressions().get(i)) ? Redaction.HIDDEN : values.of(parts[i]));
        }
        return new ProbeHit(Thread.currentThread().getName(), System.currentTimeMillis(), place,
                Optional.of(template.fill(texts)), List.of(), Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * What a capture shows: the values {@code --show} names, by their text, or else every local in scope; each
     * bounded by {@link BoundedText}, and those past its size for a whole capture left out.
     */
    private List<Map.Entry<String, String>> shown(Object[] parts, List<String> names, Object[] locals) {
        List<String> show = options.show();
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < (show.isEmpty() ? locals.length : show.size()); i++) {
            String name = show.isEmpty() ? names.get(i) : show.get(i);
            String text = size > limits.captureKilobytes() * 1024 ? leftOut() : Redaction.hides(name) ? Redaction.HIDDEN
                    : BoundedText.of(show.isEmpty() ? locals[i] : parts[i]);
            size += name.length() + text.length();
            entries.add(Map.entry(name, text));
        }
        return entries;
    }

    private String leftOut() {
        return "(left out: the capture reached its " + limits.captureKilobytes() + " KB; probe-capture=KB sets it)";
    }

    private ProbeHit captured(Object self, String at, List<Map.Entry<String, String>> shown, Throwable thrown) {
        StackTraceElement[] stack = thrown != null ? thrown.getStackTrace() : new Throwable().getStackTrace();
        int first = 0;
        while (thrown == null && first < stack.length && (stack[first].getClassName().startsWith("dev.hotline.server.")
                || stack[first].getClassName().startsWith("dev.hotline.boot."))) {
            first++; // this class, the probed line's, the dispatcher: the probed method's frame comes next
        }
        return new ProbeHit(Thread.currentThread().getName(), System.currentTimeMillis(), at, Optional.empty(),
                shown, self == null ? Optional.empty() : Optional.of(BoundedText.of(self)),
                Arrays.stream(stack).skip(first).limit(MAX_STACK).map(StackTraceElement::toString).toList(),
                thrown == null ? Optional.empty() : Optional.of(values.ofThrown(thrown)));
    }

    /**
     * Sends what the client can take now. Probes' thread only.
     *
     * @return why the probe is over, once it is: its count or time was met and everything was sent, or the
     *     client left
     */
    Optional<String> deliver() {
        if (!listener.isOpen()) {
            return Optional.of("the client went away");
        }
        if (failure != null && !failureReported) {
            failureReported = true;
            listener.note(failure);
        }
        sayBudgetNotes(listener::note);
        reportOverRate(false);
        for (int sent = 0; sent < PER_DELIVERY && listener.isWritable(); sent++) {
            ProbeHit next = queue.poll();
            if (next == null) {
                break;
            }
            long droppedNow = dropped.sum();
            if (droppedNow > droppedReported) {
                listener.dropped(droppedNow - droppedReported);
                droppedReported = droppedNow;
            }
            listener.hit(next);
            shown++;
        }
        listener.flush();
        if (stopReason == null && settled.get() >= options.count()) {
            stopReason = options.count() + (options.count() == 1 ? " hit" : " hits") + " shown";
        }
        if (stopReason == null && System.nanoTime() - deadlineNanos >= 0) {
            stopReason = options.seconds() + (options.seconds() == 1 ? " second" : " seconds") + " passed";
        }
        if (stopReason == null || !queue.isEmpty()) {
            return Optional.empty();
        }
        reportOverRate(true);
        return Optional.of(stopReason);
    }

    /** Says how many lines were over the rate since it last said, at most once a second unless {@code now}. */
    private void reportOverRate(boolean now) {
        long overRateNow = overRate.sum();
        if (overRateNow > overRateReported && (now || System.nanoTime() - overRateReportedAt >= 1_000_000_000L)) {
            listener.note(String.format(Locale.ROOT, "%,d lines not shown: a logpoint prints %d lines and %d KB a"
                    + " second at most (probe-rate, probe-bytes)", overRateNow - overRateReported,
                    limits.linesPerSecond(), limits.kilobytesPerSecond()));
            overRateReported = overRateNow;
            overRateReportedAt = System.nanoTime();
        }
    }

    /** Stops taking hits; what is queued is still sent. */
    @Override
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Tells the client the probe is over. Probes' thread only, once the class's code is back. */
    void ended(String reason) {
        listener.ended(reason, shown, dropped.sum());
    }
}
