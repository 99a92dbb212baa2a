package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.TraceCall;
import dev.hotline.protocol.Wire;
import dev.hotline.server.channel.RequestsInFlight;
import dev.hotline.server.trace.Trace;
import dev.hotline.server.trace.TraceListener;
import dev.hotline.server.trace.TraceOptions;
import dev.hotline.server.trace.TraceSummary;
import dev.hotline.server.trace.Tracer;
import java.util.List;

/**
 * Traces a method: its calls arrive as messages on the request, {@code (:id N :call PLIST)}, until the trace
 * ends by its count, its time, an {@code untrace}, or the connection closing.
 */
final class TraceOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("trace", "Traces a method's calls: arguments, value or exception, duration, thread.",
                List.of(OpDescriptor.Arg.required("spec", "CLASS::METHOD, CLASS::METHOD(String,int) or CLASS::*"),
                        OpDescriptor.Arg.optional("where", "Java boolean expression over args, result, thrown, self"),
                        OpDescriptor.Arg.optional("show", "Java expression shown instead of the value"),
                        OpDescriptor.Arg.optional("stack", "t: each call carries its caller's stack"),
                        OpDescriptor.Arg.optional("count", "calls after which the trace ends (default "
                                + TraceOptions.DEFAULT_COUNT + ")"),
                        OpDescriptor.Arg.optional("seconds", "seconds after which the trace ends (default: none)"),
                        OpDescriptor.Arg.optional("unsafe", "t: --where/--show may do more than read (audited)")),
                ":tracing DESCRIPTION :trace NUMBER; then (:call (:thread :time :class :method :args :value|:thrown"
                        + " :show :nanos :stack)) per call, (:dropped N) when calls were not shown, (:note TEXT);"
                        + " last :reason TEXT :shown N :dropped N with (:done)");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String spec = request.required("spec");
        TraceOptions options;
        try {
            options = new TraceOptions(request.string("where"), request.string("show"),
                    request.message().get("stack").orElse(Sexp.NIL).equals(Sexp.T),
                    request.message().integer("count").orElse(TraceOptions.DEFAULT_COUNT),
                    request.message().integer("seconds").orElse(0L),
                    request.message().get("unsafe").orElse(Sexp.NIL).equals(Sexp.T));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        request.service().tracer().start(spec, options, request.connection(), new TraceListener() {
            @Override
            public boolean isOpen() {
                return RequestsInFlight.clientPresent(request.connection().channel()) && !request.answered();
            }

            @Override
            public boolean isWritable() {
                return request.connection().channel().isWritable();
            }

            @Override
            public void started(Trace trace) {
                request.audit("trace", "", request.message().toString(), "ok", List.of());
                request.send(Plist.builder().put("tracing", trace.description()).put("trace", trace.number()));
            }

            @Override
            public void call(TraceCall call) {
                request.write(Plist.builder().put("call", call.toPlist().toSexp()));
            }

            @Override
            public void flush() {
                request.flush();
            }

            @Override
            public void note(String text) {
                request.send(Plist.builder().put("note", text));
            }

            @Override
            public void dropped(long count) {
                request.write(Plist.builder().put("dropped", count));
            }

            @Override
            public void ended(TraceSummary summary) {
                request.done(Plist.builder().put("reason", summary.reason()).put("shown", summary.shown())
                        .put("dropped", summary.dropped()));
            }
        }).exceptionally(failure -> {
            request.audit("trace", "", request.message().toString(), "failed: " + Tracer.failureMessage(failure),
                    List.of());
            request.fail(Wire.TRACE_ERROR, Tracer.failureMessage(failure), Plist.builder());
            return null;
        });
    }

}
