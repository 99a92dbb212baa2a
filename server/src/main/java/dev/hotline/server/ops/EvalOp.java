package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.eval.OutputTarget;
import dev.hotline.server.eval.SnippetOutcome;
import java.util.List;

/**
 * Evaluates Java in a session. Replies stream: {@code :out}/{@code :err} text as the code prints it, a
 * {@code :value} (with {@code :type}) for each expression, a {@code :declared} note for each declaration,
 * then the final status. Snippets run in order; the first that fails ends the request with its error.
 */
final class EvalOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("eval", "Evaluates Java code (one or more snippets) in a session.",
                List.of(OpDescriptor.Arg.required(Wire.CODE, "Java source: expressions, statements, declarations"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":out/:err while running; :value :type :name per expression; :declared per declaration; then"
                        + " :status (:done), or (:error KIND :done) with KIND one of eval-error, compile-error,"
                        + " incomplete, interrupted");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        request.onSession(evaluation -> {
            evaluation.output().attach(new ReplyOutput(request));
            SnippetOutcome[] last = new SnippetOutcome[1];
            boolean ok = evaluation.eval(code, outcome -> {
                evaluation.output().flush();
                last[0] = outcome;
                if (outcome.succeeded()) {
                    reportSuccess(request, outcome);
                }
            });
            evaluation.output().flush();
            if (ok) {
                request.done(Plist.builder());
            } else {
                reportFailure(request, last[0]);
            }
        });
    }

    private static void reportSuccess(Request request, SnippetOutcome outcome) {
        if (outcome instanceof SnippetOutcome.Value v) {
            Plist.Builder reply = Plist.builder().put(Wire.VALUE, v.value()).put(Wire.TYPE, v.type());
            request.send(v.name() == null ? reply : reply.put("name", v.name()));
        } else if (outcome instanceof SnippetOutcome.Declared d) {
            request.send(Plist.builder().put(Wire.DECLARED, d.description()));
        }
    }

    private static void reportFailure(Request request, SnippetOutcome outcome) {
        Plist.Builder extra = Plist.builder().put(Wire.SNIPPET, outcome.source());
        if (outcome instanceof SnippetOutcome.Threw t) {
            extra.put(Wire.EXCEPTION, t.exceptionClass()).put(Wire.TRACE, t.trace());
            String message = t.exceptionClass() + (t.message() != null ? ": " + t.message() : "");
            request.fail(Wire.EVAL_ERROR, message, extra);
        } else if (outcome instanceof SnippetOutcome.Rejected r) {
            List<Sexp> diagnostics = r.diagnostics().stream().map(d -> (Sexp) Plist.builder()
                    .put(Wire.LINE, d.line()).put(Wire.COLUMN, d.column()).put(Wire.MESSAGE, d.message())
                    .build().toSexp()).toList();
            extra.put(Wire.DIAGNOSTICS, Sexp.list(diagnostics));
            String first = r.diagnostics().isEmpty() ? "the snippet does not compile"
                    : "line " + r.diagnostics().get(0).line() + ", column " + r.diagnostics().get(0).column() + ": "
                            + r.diagnostics().get(0).message();
            request.fail(Wire.COMPILE_ERROR, first, extra);
        } else if (outcome instanceof SnippetOutcome.Incomplete) {
            request.fail(Wire.INCOMPLETE, "the code ends inside an unfinished snippet", extra);
        } else {
            request.fail(Wire.INTERRUPTED, "evaluation interrupted", extra);
        }
    }

    /** Sends captured output as {@code :out}/{@code :err} replies to the request's connection. */
    private record ReplyOutput(Request request) implements OutputTarget {
        @Override
        public void write(Stream stream, String text) {
            request.send(Plist.builder().put(stream == Stream.OUT ? Wire.OUT : Wire.ERR, text));
        }

        @Override
        public boolean isOpen() {
            return request.connection().isOpen();
        }

        @Override
        public void awaitRoom() {
            request.connection().awaitWritable();
        }
    }
}
