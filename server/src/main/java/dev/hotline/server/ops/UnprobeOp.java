package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.probe.LineProbes;
import java.util.List;
import java.util.Optional;

/**
 * Ends probes of any kind (a trace or a monitor too): one, by its number (whoever set it: its client hears that
 * another ended it), or all that this connection set.
 */
final class UnprobeOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("unprobe", "Ends a probe of any kind (a trace too), whoever set it, or all that"
                + " this connection set; each of their requests then ends.", List.of(OpDescriptor.Arg.optional("probe", "the probe's number, as"
                        + " probes lists it (default: all of this connection's)")),
                ":unprobed (NUMBER...)");
    }

    @Override
    public void handle(Request request) {
        Optional<Integer> number = request.message().integer("probe").map(Long::intValue);
        request.service().endProbes(request.connection(), number).whenComplete((ended, failure) -> {
            if (failure != null) {
                request.failed(LineProbes.failureMessage(failure));
            } else {
                request.done(Plist.builder().put("unprobed",
                        Sexp.list(ended.stream().map(n -> (Sexp) Sexp.integer(n)).toList())));
            }
        });
    }
}
