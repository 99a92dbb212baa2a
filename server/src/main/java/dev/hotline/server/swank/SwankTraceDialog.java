package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.TraceCall;
import dev.hotline.server.channel.RequestsInFlight;
import dev.hotline.server.trace.Trace;
import dev.hotline.server.trace.TraceListener;
import dev.hotline.server.trace.TraceOptions;
import dev.hotline.server.trace.TraceSummary;
import dev.hotline.server.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SLIME's trace dialog ({@code slime-trace-dialog}, in slime-fancy) for one connection: the
 * {@code swank-trace-dialog} RPCs. A spec is typed as {@code Class::method}; its calls are kept here, numbered
 * in order, until the dialog fetches them ({@code report-partial-tree}) or clears them. Java calls have no
 * parent in the dialog's tree: each is a root with its arguments and its return value (or what it threw).
 * The traces end with the connection.
 */
final class SwankTraceDialog {
    /** Calls kept for the dialog; beyond this many, until it clears them, calls are counted and not kept. */
    static final int MAX_KEPT = 10_000;
    /** Calls sent per {@code report-partial-tree}, as SLIME's own backend does. */
    private static final int PER_REPORT = 150;

    private final SwankConnection connection;
    private final Tracer tracer;
    private final Map<String, Trace> traced = new TreeMap<>(); // guarded by this
    private final List<Sexp> calls = new ArrayList<>(); // guarded by this; a call's id is its index
    private long notKept; // guarded by this: calls not kept since the dialog was last cleared
    private int fetched; // guarded by this: calls already sent to the fetch key below
    private Sexp fetchKey = Sexp.NIL; // guarded by this

    SwankTraceDialog(SwankConnection connection, Tracer tracer) {
        this.connection = connection;
        this.tracer = tracer;
    }

    /** {@code dialog-toggle-trace}: traces the spec, or untraces it when it is traced; answers a sentence. */
    void toggle(SwankCall call) throws SwankException {
        String spec = spec(call.arg(0));
        Trace trace;
        synchronized (this) {
            trace = traced.get(spec);
        }
        if (trace != null) {
            untrace(call, spec);
            return;
        }
        TraceOptions unlimited = TraceOptions.trace(Optional.empty(), Optional.empty(), false, Long.MAX_VALUE, 0,
                false);
        tracer.start(spec, unlimited, connection, new Listener(spec)).whenComplete((started, failure) -> {
            call.audit("trace", "", spec, failure == null ? "ok" : "failed: " + Tracer.failureMessage(failure), List.of());
            if (failure != null) {
                call.abort(Tracer.failureMessage(failure));
            } else {
                call.ok(Sexp.str(spec + " is now traced for trace dialog"));
            }
        });
    }

    /** {@code dialog-untrace}. */
    void untrace(SwankCall call, String spec) {
        Trace trace;
        synchronized (this) {
            trace = traced.remove(spec);
        }
        if (trace == null) {
            call.ok(Sexp.str(spec + " was not traced"));
            return;
        }
        tracer.end(connection, Optional.of(trace.number()))
                .whenComplete((ended, failure) -> call.ok(Sexp.str(spec + " is now untraced for trace dialog")));
    }

    /** {@code dialog-untrace-all}: a sentence per spec. */
    void untraceAll(SwankCall call) {
        List<String> specs;
        synchronized (this) {
            specs = List.copyOf(traced.keySet());
            traced.clear();
        }
        tracer.end(connection, Optional.empty()).whenComplete((ended, failure) -> call.ok(Sexp.list(
                specs.stream().map(s -> (Sexp) Sexp.str(s + " is now untraced for trace dialog")).toList())));
    }

    /** {@code report-specs}: the traced specs, sorted. */
    synchronized Sexp specs() {
        return Sexp.list(traced.keySet().stream().map(s -> (Sexp) Sexp.str(s)).toList());
    }

    /** {@code dialog-traced-p}: the spec when traced, else nil. */
    synchronized Sexp isTraced(String spec) {
        return traced.containsKey(spec) ? Sexp.str(spec) : Sexp.NIL;
    }

    /** {@code report-total}: how many calls have been kept. */
    synchronized Sexp total() {
        return Sexp.integer(calls.size());
    }

    /**
     * {@code report-partial-tree KEY}: the next calls not yet sent to this key, at most {@value #PER_REPORT}, as
     * {@code ((ID PARENT SPEC ((0 "arg")...) ((0 "value")...))...)}, then how many remain, then the key.
     */
    synchronized Sexp partialTree(Sexp key) {
        if (!key.equals(fetchKey)) {
            fetchKey = key;
            fetched = 0;
        }
        int end = Math.min(calls.size(), fetched + PER_REPORT);
        List<Sexp> batch = List.copyOf(calls.subList(fetched, end));
        fetched = end;
        return Sexp.list(Sexp.list(batch), Sexp.integer(calls.size() - fetched), key);
    }

    /** {@code report-trace-detail ID}: the call as in the tree, then its backtrace (none kept) and a name. */
    synchronized Sexp detail(int id) {
        if (id < 0 || id >= calls.size()) {
            return Sexp.NIL;
        }
        Sexp.Lst entry = (Sexp.Lst) calls.get(id);
        List<Sexp> items = new ArrayList<>(entry.items());
        items.add(Sexp.NIL);
        items.add(Sexp.str("#<call " + id + ": " + ((Sexp.Str) entry.get(2)).value() + ">"));
        return Sexp.list(items);
    }

    /** {@code clear-trace-tree}: forgets the calls kept so far. */
    synchronized void clear() {
        calls.clear();
        fetched = 0;
        fetchKey = Sexp.NIL;
        notKept = 0;
    }

    /** The spec as SLIME sends it: {@code (swank::from-string "Greeter::greet")}, a string or a symbol. */
    static String spec(Sexp arg) throws SwankException {
        Sexp spec = arg instanceof Sexp.Lst l && l.size() == 2 && l.get(0) instanceof Sexp.Sym s
                && s.localName().equals("from-string") ? l.get(1) : arg;
        if (spec instanceof Sexp.Str s && !s.value().isBlank()) {
            return s.value().strip();
        }
        if (spec instanceof Sexp.Sym s) {
            return s.name();
        }
        throw new SwankException("a trace spec is Class::method, as in dev.acme.Orders::place; got " + arg.print());
    }

    private synchronized void keep(String spec, TraceCall call) {
        if (calls.size() >= MAX_KEPT) {
            if (notKept++ == 0) {
                connection.backgroundMessage(String.format("the trace dialog keeps %,d calls: later ones are not kept"
                        + " until you clear it (C-c C-k in the dialog)", MAX_KEPT));
            }
            return;
        }
        List<Sexp> args = new ArrayList<>();
        for (int i = 0; i < call.args().size(); i++) {
            args.add(Sexp.list(Sexp.integer(i), Sexp.str(call.args().get(i))));
        }
        String returned = call.thrown().map(t -> "threw " + t).or(call::value).orElse("void");
        calls.add(Sexp.list(Sexp.integer(calls.size()), Sexp.NIL, Sexp.str(spec), Sexp.list(args),
                Sexp.list(Sexp.list(Sexp.integer(0), Sexp.str(returned)))));
    }

    /** A dialog trace's calls go into the dialog's store; its notes and its end to Emacs' echo area. */
    private final class Listener implements TraceListener {
        private final String spec;

        Listener(String spec) {
            this.spec = spec;
        }

        @Override
        public boolean isOpen() {
            return RequestsInFlight.clientPresent(connection.channel());
        }

        @Override
        public boolean isWritable() {
            return true; // kept in memory, up to MAX_KEPT
        }

        @Override
        public void started(Trace trace) {
            synchronized (SwankTraceDialog.this) {
                traced.put(spec, trace);
            }
        }

        @Override
        public void call(TraceCall call) {
            keep(spec, call);
        }

        @Override
        public void flush() {
            // nothing is sent: the dialog fetches
        }

        @Override
        public void note(String text) {
            connection.backgroundMessage(text);
        }

        @Override
        public void dropped(long count) {
            // not reached: isWritable() holds
        }

        @Override
        public void ended(TraceSummary summary) {
            synchronized (SwankTraceDialog.this) {
                traced.remove(spec);
            }
            if (!summary.reason().equals("untraced")) {
                connection.backgroundMessage("trace of " + spec + " ended " + TraceCall.ending(summary.reason(),
                        summary.shown(), summary.dropped()));
            }
        }
    }
}
