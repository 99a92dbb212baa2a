package dev.hotline.server.probe;

import dev.hotline.boot.TraceDispatcher;
import java.util.Arrays;
import java.util.List;

/**
 * A method woven with exception handlers that report to the probes ({@link CatchWeaver}), which its id leads to
 * {@link #caught} ({@link TraceDispatcher#caught}). Its probes' expressions see the method's arguments and the
 * exception; a hit shows the locals in scope at the line the exception left from.
 */
final class CaughtMethod extends ProbeSite {
    private final String method;
    private final List<String> arguments;

    /**
     * @param method name plus descriptor
     * @param arguments the method's arguments' names, as its handlers name them
     */
    CaughtMethod(int id, Class<?> type, String method, List<String> arguments) {
        super(id, type);
        this.method = method;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    String key() {
        return method;
    }

    CatchWeaver.Planned planned() {
        return new CatchWeaver.Planned(id(), method);
    }

    @Override
    void activate() {
        TraceDispatcher.catchProbe(id(), this::caught);
    }

    @Override
    void deactivate() {
        TraceDispatcher.catchProbe(id(), null);
    }

    /** Called by the dispatcher on the hitting thread. */
    void caught(Throwable thrown, Object self, int line, String localNames, Object[] locals) {
        List<String> names = localNames.isEmpty() ? List.of() : Arrays.asList(localNames.split(","));
        Object[] scope = new Object[arguments.size() + 1]; // what the expressions see: the arguments, then thrown
        for (int i = 0; i < arguments.size(); i++) {
            int at = names.indexOf(arguments.get(i));
            scope[i] = at >= 0 ? locals[at] : null;
        }
        scope[arguments.size()] = thrown;
        String place = type().getName() + ":" + line;
        for (LineProbe probe : current()) {
            probe.caught(thrown, self, place, names, locals, scope);
        }
    }
}
