package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.eval.Completion;
import java.util.List;

/** Completion candidates from JShell: the app's classes and members, the session's own declarations. */
final class CompleteOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("complete", "Completion candidates for the code before the cursor.",
                List.of(OpDescriptor.Arg.required(Wire.CODE, "the code being typed"),
                        OpDescriptor.Arg.optional("cursor", "cursor position in characters (default: end of code)"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":anchor, where the replaced text starts; :completions, a list of replacement strings");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        int cursor = request.cursor(code);
        request.onSession(evaluation -> {
            Completion c = evaluation.complete(code, cursor);
            request.done(Plist.builder().put("anchor", c.anchor())
                    .put("completions", Sexp.list(c.candidates().stream().map(Sexp::str).toList())));
        });
    }
}
