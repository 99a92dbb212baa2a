package dev.hotline.server.ops;

import dev.hotline.server.trace.TraceOptions;
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
            options = TraceOptions.trace(request.string("where"), request.string("show"),
                    request.message().flag("stack"),
                    request.message().integer("count").orElse(TraceOptions.DEFAULT_COUNT),
                    request.message().integer("seconds").orElse(0L),
                    request.message().flag("unsafe"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        TraceReplies.start(request, "trace", spec, options);
    }
}
