package dev.hotline.server.reload;

import java.util.List;
import java.util.Locale;

/**
 * What a reload did, class by class.
 *
 * @param compileErrors when reloading from source failed to compile: nothing was redefined
 * @param millis how long the reload took inside the service (reading, compiling, comparing, redefining)
 * @param redefineMillis how much of it the JVM's own {@code redefineClasses} call took: what any agent would pay for
 *        the same bytes, the baseline Hotline's own work is measured against
 */
public record ReloadReport(List<ClassResult> classes, List<String> compileErrors, double millis, double redefineMillis) {

    /** The same report, timed: {@code millis} from {@code startedNanos} to now. */
    ReloadReport timedFrom(long startedNanos) {
        return new ReloadReport(classes, compileErrors, (System.nanoTime() - startedNanos) / 1e6, redefineMillis);
    }

    /** What happened to one class. */
    public enum Outcome {
        /** Redefined in every loader that had it (or in the one named). */
        REDEFINED,
        /** The bytes are those already running. */
        UNCHANGED,
        /** Not loaded yet: it gets these bytes when it loads. */
        PENDING,
        /** The JVM refused it; {@code detail} says what changed that redefinition cannot do. */
        REJECTED,
        /** Part of a batch the JVM refused because of another class: not applied, old code still runs. */
        NOT_APPLIED
    }

    /** One class's outcome; {@code loaders} are those that have it. */
    public record ClassResult(String className, Outcome outcome, List<String> loaders, String detail) { }

    /** True when something was refused or did not compile. */
    public boolean failed() {
        return !compileErrors.isEmpty()
                || classes.stream().anyMatch(c -> c.outcome() == Outcome.REJECTED || c.outcome() == Outcome.NOT_APPLIED);
    }

    /** A few lines a person can read: one per class, then a summary. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        compileErrors.forEach(e -> sb.append("error: ").append(e).append('\n'));
        for (ClassResult c : classes) {
            sb.append(String.format("%-12s %s", c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    c.className()));
            if (!c.loaders().isEmpty()) {
                sb.append(" [").append(String.join(", ", c.loaders())).append(']');
            }
            if (!c.detail().isEmpty()) {
                sb.append(": ").append(c.detail());
            }
            sb.append('\n');
        }
        if (compileErrors.isEmpty()) {
            long redefined = classes.stream().filter(c -> c.outcome() == Outcome.REDEFINED).count();
            sb.append(redefined).append(" redefined, ").append(count(Outcome.UNCHANGED)).append(" unchanged, ")
                    .append(count(Outcome.PENDING)).append(" pending, ").append(count(Outcome.REJECTED))
                    .append(" rejected, in ").append(String.format(Locale.ROOT, "%.1f", millis)).append(" ms\n");
        }
        return sb.toString();
    }

    /** The classes this reload redefined, for the audit log. */
    public List<String> redefinedClasses() {
        return classes.stream().filter(c -> c.outcome() == Outcome.REDEFINED).map(ClassResult::className).toList();
    }

    /** How it went, in a word or two: {@code ok}, {@code compile error} or {@code rejected}. */
    public String outcome() {
        return !compileErrors.isEmpty() ? "compile error" : failed() ? "rejected" : "ok";
    }

    private long count(Outcome outcome) {
        return classes.stream().filter(c -> c.outcome() == outcome).count();
    }
}
