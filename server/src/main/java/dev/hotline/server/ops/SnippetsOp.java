package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.util.List;

/** The session's live snippets as data, for editors and scripts ({@code /list} shows the same as text). */
final class SnippetsOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("snippets", "Lists the session's live declarations and expressions.",
                List.of(OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":snippets, a list of (:id :kind :name :summary :source)");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        request.onSession(evaluation -> request.done(Plist.builder().put("snippets",
                Sexp.list(evaluation.contents().stream().map(i -> (Sexp) Plist.builder()
                        .put("id", i.id()).put("kind", i.kind()).put("name", i.name())
                        .put("summary", i.summary()).put("source", i.source()).build().toSexp()).toList()))));
    }
}
