package dev.hotline.server.ops;

import dev.hotline.protocol.CallSummary;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.TraceCall;
import dev.hotline.protocol.Wire;
import dev.hotline.server.trace.Trace;
import dev.hotline.server.trace.TraceListener;
import dev.hotline.server.trace.TraceOptions;
import dev.hotline.server.trace.TraceSummary;
import dev.hotline.server.trace.Tracer;
import java.util.List;

/**
 * A trace's or a monitor's reports as replies to the request that started it: {@code :KIND DESCRIPTION :trace N}
 * first, then {@code :call} or {@code :interval} messages, and the final reply when it ends.
 */
final class TraceReplies extends StreamedReplies implements TraceListener {
    private final String kind;

    /** @param kind the op, which also names the first reply's key: {@code tracing} for trace, {@code monitoring} */
    TraceReplies(Request request, String kind) {
        super(request);
        this.kind = kind;
    }

    /** Starts {@code spec} with these replies, or fails the request saying why it could not. */
    static void start(Request request, String kind, String spec, TraceOptions options) {
        request.service().tracer().start(spec, options, request.connection(), new TraceReplies(request, kind))
                .exceptionally(failure -> {
                    request.audit(kind, "", request.message().toString(),
                            "failed: " + Tracer.failureMessage(failure), List.of());
                    request.fail(Wire.TRACE_ERROR, Tracer.failureMessage(failure), Plist.builder());
                    return null;
                });
    }

    @Override
    public void started(Trace trace) {
        request.audit(kind, "", request.message().toString(), "ok", List.of());
        request.send(Plist.builder().put(kind.equals("trace") ? "tracing" : "monitoring", trace.description())
                .put("trace", trace.number()));
    }

    @Override
    public void call(TraceCall call) {
        request.write(Plist.builder().put("call", call.toPlist().toSexp()));
    }

    @Override
    public void interval(CallSummary summary) {
        request.write(Plist.builder().put("interval", summary.toPlist().toSexp()));
    }

    @Override
    public void ended(TraceSummary summary) {
        request.done(Plist.builder().put("reason", summary.reason()).put("shown", summary.shown())
                .put("dropped", summary.dropped()));
    }
}
