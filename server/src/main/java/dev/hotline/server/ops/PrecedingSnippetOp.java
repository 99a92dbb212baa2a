package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.util.List;

/** Where the Java expression or statement that ends at the end of some code starts: an editor's "evaluate before point". */
final class PrecedingSnippetOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("preceding-snippet", "Finds the Java expression (or, after ; or }, the statement) that"
                + " ends where the code ends, by JShell's analysis.",
                List.of(OpDescriptor.Arg.required(Wire.CODE, "the source before the cursor, starting outside of any"
                                + " string or comment"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":start, its offset in :code in characters; absent when no complete one ends there");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        request.onSession(evaluation -> {
            Plist.Builder reply = Plist.builder();
            evaluation.precedingSnippetStart(code).ifPresent(start -> reply.put("start", start));
            request.done(reply);
        });
    }
}
