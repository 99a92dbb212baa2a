package dev.hotline.boot;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where traced methods report their calls. The trace advice that Hotline weaves into a traced method calls
 * {@link #enter} first, then {@link #returned} before each return or {@link #threw} when an exception leaves the
 * method; a line probed by {@code dev.hotline.server.probe.LineProbes} calls {@link #line} before it runs, and a
 * method it catches the exceptions of calls {@link #caught} as one leaves it. This
 * class is loaded by the bootstrap class loader, so code of any loader can call it, and uses only
 * {@code java.base}; see {@code dev.hotline.server.trace.Tracer}.
 *
 * <p>Nothing here throws into the traced method or makes it wait: what a probe does is its own business, and
 * any failure of it is swallowed. Calls made while a probe runs on the same thread (its condition calling a
 * traced method, say) are not reported.
 */
public final class TraceDispatcher {
    /** Receives the calls of one traced method, by the id its advice was woven with. */
    public interface Probe {
        /** A call begins; returns what follows it to its end, or null not to follow it. */
        Call enter(Object self, Object[] args);
    }

    /** Receives the hits of one probed line, by the id its advice was woven with. */
    public interface LineProbe {
        /** The line is about to run; {@code self} is null in a static method, {@code locals} are boxed. */
        void hit(Object self, Object[] locals);
    }

    /** Receives the exceptions that leave one caught method, by the id its handlers were woven with. */
    public interface CatchProbe {
        /**
         * {@code thrown} is leaving the method from {@code line}; {@code localNames} names the {@code locals} in
         * scope there, comma-separated, in order.
         */
        void caught(Throwable thrown, Object self, int line, String localNames, Object[] locals);
    }

    /** One call being followed. */
    public interface Call {
        void returned(Object result);

        void threw(Throwable thrown);
    }

    /** Per thread, 1 while a probe runs on it; a flag set in place, cheaper than setting the thread local. */
    private static final ThreadLocal<int[]> IN_PROBE = ThreadLocal.withInitial(() -> new int[1]);
    private static final LongAdder ADVISED_CALLS = new LongAdder();
    private static final LongAdder LINE_HITS = new LongAdder();
    private static volatile Probe[] probes = new Probe[0];
    private static volatile LineProbe[] lineProbes = new LineProbe[0];
    private static volatile CatchProbe[] catchProbes = new CatchProbe[0];

    private TraceDispatcher() {
    }

    /** Called first by a traced method; {@code self} is null for a static one. Returns the call, or null. */
    public static Object enter(int method, Object self, Object[] args) {
        ADVISED_CALLS.increment();
        Probe[] all = probes;
        Probe probe = method < all.length ? all[method] : null;
        if (probe == null) {
            return null;
        }
        int[] inProbe = IN_PROBE.get();
        if (inProbe[0] != 0) {
            return null;
        }
        inProbe[0] = 1;
        try {
            return probe.enter(self, args);
        } catch (Throwable e) {
            return null;
        } finally {
            inProbe[0] = 0;
        }
    }

    /** Called by a traced method as it returns {@code result} (boxed; null for void). */
    public static void returned(Object call, Object result) {
        ended(call, result, null);
    }

    /** Called by a traced method as {@code thrown} leaves it; the method then throws it on. */
    public static void threw(Object call, Throwable thrown) {
        ended(call, null, thrown);
    }

    private static void ended(Object call, Object result, Throwable thrown) {
        if (call instanceof Call c) {
            int[] inProbe = IN_PROBE.get();
            inProbe[0] = 1;
            try {
                if (thrown == null) {
                    c.returned(result);
                } else {
                    c.threw(thrown);
                }
            } catch (Throwable ignored) {
                // the traced method returns or throws as it would have
            } finally {
                inProbe[0] = 0;
            }
        }
    }

    /** Called by a probed line before it runs. */
    public static void line(int site, Object self, Object[] locals) {
        LINE_HITS.increment();
        LineProbe[] all = lineProbes;
        LineProbe probe = site < all.length ? all[site] : null;
        if (probe == null) {
            return;
        }
        int[] inProbe = IN_PROBE.get();
        if (inProbe[0] != 0) {
            return;
        }
        inProbe[0] = 1;
        try {
            probe.hit(self, locals);
        } catch (Throwable ignored) {
            // the line runs as it would have
        } finally {
            inProbe[0] = 0;
        }
    }

    /** Called by a caught method's handler as {@code thrown} leaves it from {@code line}; it then throws it on. */
    public static void caught(Throwable thrown, int method, Object self, int line, String localNames,
            Object[] locals) {
        CatchProbe[] all = catchProbes;
        CatchProbe probe = method < all.length ? all[method] : null;
        if (probe == null) {
            return;
        }
        int[] inProbe = IN_PROBE.get();
        if (inProbe[0] != 0) {
            return;
        }
        inProbe[0] = 1;
        try {
            probe.caught(thrown, self, line, localNames, locals);
        } catch (Throwable ignored) {
            // the exception goes on as it would have
        } finally {
            inProbe[0] = 0;
        }
    }

    /** Sets (or, with null, clears) the probe for the methods woven with id {@code method}. */
    public static synchronized void probe(int method, Probe probe) {
        probes = with(probes, method, probe);
    }

    /** Sets (or, with null, clears) the probe for the line woven with id {@code site}. */
    public static synchronized void lineProbe(int site, LineProbe probe) {
        lineProbes = with(lineProbes, site, probe);
    }

    /** Sets (or, with null, clears) the probe for the method whose handlers were woven with id {@code method}. */
    public static synchronized void catchProbe(int method, CatchProbe probe) {
        catchProbes = with(catchProbes, method, probe);
    }

    /** A copy of {@code all} with {@code value} at {@code index}, grown as needed. */
    private static <T> T[] with(T[] all, int index, T value) {
        T[] copy = Arrays.copyOf(all, index < all.length ? all.length : Math.max(index + 1, all.length * 2));
        copy[index] = value;
        return copy;
    }

    /**
     * How many times trace advice has run in this JVM. A method whose trace has ended adds nothing to it, as its
     * original code is back.
     */
    public static long advisedCalls() {
        return ADVISED_CALLS.sum();
    }

    /** How many times a probed line has called {@link #line} in this JVM; a line whose probes ended adds nothing. */
    public static long lineHits() {
        return LINE_HITS.sum();
    }
}
