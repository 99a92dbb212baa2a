package dev.hotline.server.ops;

import dev.hotline.server.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Catches the exceptions leaving a method: at the first (or the first {@code :count}), the locals in scope at the
 * line it left from, the arguments, {@code this} and the exception. Its hits and its end are a probe's.
 */
final class CatchOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        List<OpDescriptor.Arg> args = new ArrayList<>(List.of(
                OpDescriptor.Arg.required("method", "CLASS::METHOD, as trace takes it"),
                OpDescriptor.Arg.optional("exception", "the exception class to catch, by full or simple name;"
                        + " its subclasses too (default: any)")));
        args.addAll(ProbeOp.OPTIONS);
        return new OpDescriptor("catch", "Captures the locals at the line an exception leaves a method from, with"
                + " the arguments and the exception, without changing what the method throws. --where and --show"
                + " see the arguments, self and thrown.", args, ProbeOp.REPLIES);
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String method = request.required("method");
        ProbeOptions options = ProbeOp.options(request, Optional.empty());
        ProbeOp.start(request, "catch", request.service().probes().startCatch(method, request.string("exception"),
                options, request.connection(), new ProbeOp.ProbeReplies(request, "catch")));
    }
}
