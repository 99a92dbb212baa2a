package dev.hotline.server.trace;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A trace's {@code --where} and {@code --show}, compiled: both see a call as {@code {self, args, result, thrown}}.
 * Without them, every call passes and nothing replaces its value.
 */
final class CallProbe {
    static final CallProbe NONE = new CallProbe(null, null);

    private final Predicate<Object[]> where;
    private final Function<Object[], Object> show;

    CallProbe(Predicate<Object[]> where, Function<Object[], Object> show) {
        this.where = where;
        this.show = show;
    }

    boolean where(Object[] call) {
        return where == null || where.test(call);
    }

    /** Whether it does any work on a call: a condition or a value to show, whose cost the budget meters. */
    boolean works() {
        return where != null || show != null;
    }

    boolean shows() {
        return show != null;
    }

    Object show(Object[] call) {
        return show.apply(call);
    }
}
