package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.util.List;

/** Signatures and Javadoc of what is at the cursor (Javadoc when the sources are available). */
final class DocumentationOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("documentation", "Signatures and Javadoc of the method, class or field at the cursor.",
                List.of(OpDescriptor.Arg.required(Wire.CODE, "the code being typed"),
                        OpDescriptor.Arg.optional("cursor", "cursor position in characters (default: end of code)"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":docs, a list of strings: a signature, then its Javadoc if any");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        int cursor = request.cursor(code);
        request.onSession(evaluation -> request.done(Plist.builder()
                .put("docs", Sexp.list(evaluation.documentation(code, cursor).stream().map(Sexp::str).toList()))));
    }
}
