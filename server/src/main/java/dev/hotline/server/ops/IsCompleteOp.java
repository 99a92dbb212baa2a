package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.util.List;

/** Whether code holds only complete snippets, or ends inside one (so an editor should keep reading lines). */
final class IsCompleteOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("is-complete", "Tells whether the code ends inside an unfinished snippet.",
                List.of(OpDescriptor.Arg.required(Wire.CODE, "the code typed so far"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":complete, t or nil");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        request.onSession(evaluation -> request.done(
                Plist.builder().put("complete", Sexp.bool(evaluation.isComplete(code)))));
    }
}
