package dev.hotline.server.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import jdk.jshell.spi.ExecutionControl;

/**
 * Inputs that JShell compiled once and that can run again as they are: expressions and statements that
 * declare nothing, keyed by their exact source. Running a cached input skips JShell's two or three javac
 * passes, which is nearly all of an evaluation's time (see the bench). Any declaration, drop or replay
 * forgets everything: what a cached snippet refers to may have changed meaning.
 *
 * <p>A cached expression keeps the name JShell first gave its value ({@code $3}), and running it again
 * updates that variable, where JShell would have created {@code $4}; once that temporary variable is dropped
 * (only the latest few are kept) the input still runs from the cache, its value reported without a name.
 *
 * <p>With a compile host, the service keeps a cache of its own, filled from what the host's says after each
 * evaluation ({@link State}): a repeated input then runs in the service without asking the host. Every change
 * other than a new entry bumps the {@link #version()}, and a service that sees a new version forgets its entries.
 * Not thread-safe, like the evaluator.
 */
public final class SnippetCache {
    private static final int CAPACITY = 256;

    /**
     * A compiled input: its wrapper class, and what a successful run reports besides the value.
     *
     * @param valueName the variable holding the value ({@code $3}, or {@code x} for {@code x = 5}); null when
     *        there is no value, or its temporary variable was dropped
     */
    public record Entry(String wrapperClass, boolean hasValue, String valueName, String type) {
    }

    /**
     * A cache's version and its entry for one input (null when it has none), as a compile host reports them.
     */
    public record State(long version, Entry entry) {
    }

    private final SnippetExecution execution;
    private final SessionLimits limits;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };
    private long version;

    /** @param execution where cached snippets run again */
    public SnippetCache(SnippetExecution execution, SessionLimits limits) {
        this.execution = execution;
        this.limits = limits;
    }

    public Entry find(String input) {
        return entries.get(key(input));
    }

    public void remember(String input, Entry entry) {
        entries.put(key(input), entry);
    }

    void forget(String input) {
        entries.remove(key(input));
        version++;
    }

    /** The temporary variable {@code name} is being dropped: inputs that reported it now report no name. */
    void unname(String name) {
        entries.replaceAll((input, entry) -> name.equals(entry.valueName())
                ? new Entry(entry.wrapperClass(), entry.hasValue(), null, entry.type()) : entry);
        version++;
    }

    /** The meaning of names may have changed: a declaration, a drop, a replay. */
    public void clear() {
        entries.clear();
        version++;
    }

    /** Bumped by every change but a new entry. */
    long version() {
        return version;
    }

    /**
     * Runs a cached input's compiled snippet again, as JShell would have run it: its value, what it threw, or
     * interrupted ({@code stopRequested} is asked after the run, as a stop may land just as it ends).
     */
    public SnippetOutcome runAgain(String input, Entry cached, BooleanSupplier stopRequested) {
        String source = input.strip();
        try {
            String value = execution.invokeAgain(cached.wrapperClass());
            if (stopRequested.getAsBoolean()) {
                return new SnippetOutcome.Interrupted(source);
            }
            return cached.hasValue() ? new SnippetOutcome.Value(source, cached.valueName(), limits.cut(value), cached.type())
                    : new SnippetOutcome.Ran(source);
        } catch (ExecutionControl.StoppedException e) {
            return new SnippetOutcome.Interrupted(source);
        } catch (ExecutionControl.UserException e) {
            if (stopRequested.getAsBoolean()) {
                return new SnippetOutcome.Interrupted(source);
            }
            return new SnippetOutcome.Threw(source, e.causeExceptionClass(), e.getMessage(), StackTraces.render(e));
        } catch (ExecutionControl.ExecutionControlException e) {
            forget(input);
            return new SnippetOutcome.Threw(source, e.getClass().getSimpleName(), e.getMessage(), "");
        }
    }

    private static String key(String input) {
        return input.strip();
    }
}
