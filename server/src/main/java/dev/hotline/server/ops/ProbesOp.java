package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeStatus;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.probe.LineProbes;
import java.util.List;

/** Lists every probe in the service (traces and monitors too), whoever set it, with its state, hits and cost. */
final class ProbesOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("probes", "Lists every probe in the service (traces, monitors, logpoints, captures,"
                + " catches), whoever set it: its number, state (on, paused, pending), hits, hits shown and not shown,"
                + " and the CPU time its work on the hitting threads cost.", List.of(),
                ":probes ((:number N :description TEXT :state on|paused|pending :hits N :shown N :dropped N"
                        + " :cpu-us N) ...)");
    }

    @Override
    public void handle(Request request) {
        request.service().probeStatuses().whenComplete((all, failure) -> {
            if (failure != null) {
                request.failed(LineProbes.failureMessage(failure));
            } else {
                request.done(Plist.builder().put("probes",
                        Sexp.list(all.stream().map(ProbeStatus::toPlist).map(Plist::toSexp).toList())));
            }
        });
    }
}
