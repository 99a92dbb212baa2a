package dev.hotline.server.ops;

import dev.hotline.server.trace.TraceOptions;
import java.util.List;

/**
 * Monitors a method: every interval, how many calls ended, how many threw, and their durations' p50, p95, p99
 * and maximum arrive as {@code (:id N :interval PLIST)}, until it ends by its time, an {@code untrace}, or the
 * connection closing. Every call is counted: none is dropped, as none is sent one by one.
 */
final class MonitorOp implements Op {
    /** Without {@code :every}, an interval lasts this many seconds. */
    static final long DEFAULT_EVERY = 5;

    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("monitor", "Sums up a method's calls every interval: count, failures, p50/p95/p99"
                + " and maximum duration.",
                List.of(OpDescriptor.Arg.required("spec", "CLASS::METHOD, CLASS::METHOD(String,int) or CLASS::*"),
                        OpDescriptor.Arg.optional("where", "Java boolean expression over args, result, thrown, self:"
                                + " only those calls count"),
                        OpDescriptor.Arg.optional("every", "seconds between two summaries (default "
                                + DEFAULT_EVERY + ")"),
                        OpDescriptor.Arg.optional("seconds", "seconds after which the monitor ends (default: none)"),
                        OpDescriptor.Arg.optional("unsafe", "t: --where may do more than read (audited)")),
                ":monitoring DESCRIPTION :trace NUMBER; then (:interval (:time :calls :failures :p50 :p95 :p99 :max))"
                        + " every interval, durations in nanoseconds, the last one when it ends; (:note TEXT);"
                        + " last :reason TEXT with (:done); untrace NUMBER ends it");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String spec = request.required("spec");
        TraceOptions options;
        try {
            options = TraceOptions.monitor(request.string("where"),
                    request.message().integer("every").orElse(DEFAULT_EVERY),
                    request.message().integer("seconds").orElse(0L),
                    request.message().flag("unsafe"));
            if (options.every() < 1) {
                throw new IllegalArgumentException("every must be 1 second or more");
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        TraceReplies.start(request, "monitor", spec, options);
    }
}
