package dev.hotline.server.trace;

import dev.hotline.boot.TraceDispatcher;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A method woven with trace advice, and the traces that follow it now: the {@link TraceDispatcher.Probe} its
 * advice id leads to. Several traces may cover one method; each call is shown to each of them.
 *
 * <p>Only this class and the classes it creates link against the boot classes: the tracer loads it after
 * {@link dev.hotline.server.support.BootClasses#install}.
 */
final class TracedMethod implements TraceDispatcher.Probe {
    private final int id;
    private final Class<?> type;
    private final String name;
    private final boolean isVoid;
    private volatile Trace[] traces = new Trace[0]; // written on the tracer's thread only

    TracedMethod(int id, Method method) {
        this.id = id;
        this.type = method.getDeclaringClass();
        this.name = method.getName();
        this.isVoid = method.getReturnType() == void.class;
    }

    int id() {
        return id;
    }

    /** Its advice now leads here. */
    void activate() {
        TraceDispatcher.probe(id, this);
    }

    /** Its advice now leads nowhere, until its class has its code back. */
    void deactivate() {
        TraceDispatcher.probe(id, null);
    }

    Class<?> type() {
        return type;
    }

    void add(Trace trace) {
        Trace[] now = Arrays.copyOf(traces, traces.length + 1);
        now[now.length - 1] = trace;
        traces = now;
    }

    /** @return whether any trace still follows this method */
    boolean remove(Trace trace) {
        traces = Arrays.stream(traces).filter(t -> t != trace).toArray(Trace[]::new);
        return traces.length > 0;
    }

    @Override
    public TraceDispatcher.Call enter(Object self, Object[] args) {
        Trace[] following = traces;
        return following.length == 0 ? null : new Call(following, self, args, System.nanoTime());
    }

    /** One call, from its start to its end, for the traces that followed the method when it began. */
    private final class Call implements TraceDispatcher.Call {
        private final Trace[] following;
        private final Object self;
        private final Object[] args;
        private final long start;

        Call(Trace[] following, Object self, Object[] args, long start) {
            this.following = following;
            this.self = self;
            this.args = args;
            this.start = start;
        }

        @Override
        public void returned(Object result) {
            long nanos = System.nanoTime() - start;
            for (Trace trace : following) {
                trace.record(type, name, self, args, result, null, isVoid, nanos);
            }
        }

        @Override
        public void threw(Throwable thrown) {
            long nanos = System.nanoTime() - start;
            for (Trace trace : following) {
                trace.record(type, name, self, args, null, thrown, isVoid, nanos);
            }
        }
    }
}
