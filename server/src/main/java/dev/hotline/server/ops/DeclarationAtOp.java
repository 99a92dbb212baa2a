package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import dev.hotline.server.eval.DeclarationAt;
import java.util.List;
import java.util.Locale;

/**
 * The method, field or class declaration of a Java source that holds the cursor ({@link DeclarationAt}): what an
 * editor evaluates for "the definition at point" and traces for "the method at point". It runs on the session's
 * worker, as the other questions about code do, off the connection's I/O thread (javac's first parse takes a
 * moment).
 */
final class DeclarationAtOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("declaration-at", "Finds the method, field or class declaration of a Java source file"
                + " that holds the cursor, with javac's parser.",
                List.of(OpDescriptor.Arg.required(Wire.CODE, "the whole source file"),
                        OpDescriptor.Arg.optional("cursor", "cursor position in characters (default: end of code)"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":kind \"method\"|\"field\"|\"class\" :start :end (character offsets) :class (binary name) :name"
                        + " :trace-spec (methods); :kind absent when the cursor is in no class");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        int cursor = request.cursor(code);
        request.onSession(evaluation -> {
            try {
                Plist.Builder reply = Plist.builder();
                DeclarationAt.find(code, cursor).ifPresent(d -> reply.put("kind", d.kind().name().toLowerCase(Locale.ROOT))
                        .put("start", d.start()).put("end", d.end()).put("class", d.className()).put("name", d.name())
                        .put("trace-spec", d.traceSpec()));
                request.done(reply);
            } catch (RuntimeException e) {
                request.failed("cannot parse the source: " + e.getMessage());
            }
        });
    }
}
