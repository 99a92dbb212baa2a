package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.trace.Trace;
import dev.hotline.server.trace.Tracer;
import java.util.List;
import java.util.Optional;

/**
 * Ends traces: one, by the number its {@code trace} reply gave (whoever started it), or all that this connection
 * started.
 */
final class UntraceOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("untrace", "Ends a trace, whoever started it, or all that this connection started;"
                + " each trace request then ends.",
                List.of(OpDescriptor.Arg.optional("trace", "the trace's number, of any connection's trace (default: all of"
                        + " this connection's)")),
                ":untraced (NUMBER...)");
    }

    @Override
    public void handle(Request request) {
        Optional<Integer> number = request.message().integer("trace").map(Long::intValue);
        request.service().tracer().end(request.connection(), number).whenComplete((ended, failure) -> {
            if (failure != null) {
                request.failed(Tracer.failureMessage(failure));
            } else {
                request.done(Plist.builder().put("untraced",
                        Sexp.list(ended.stream().map(Trace::number).map(n -> (Sexp) Sexp.integer(n)).toList())));
            }
        });
    }
}
