package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SnippetOutcome;
import dev.hotline.server.eval.VariableValue;
import dev.hotline.server.inspect.ObjectParts;
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
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)"),
                        OpDescriptor.Arg.optional("inspect", "t: a value with parts also gets :ref :indexed :named,"
                                + " to look inside it with the inspect op")),
                ":out/:err while running; :value :type :name per expression; :declared per declaration; then"
                        + " :status (:done), or (:error KIND :done) with KIND one of eval-error, compile-error,"
                        + " incomplete, interrupted");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        boolean inspect = request.message().get("inspect").orElse(Sexp.NIL).equals(Sexp.T);
        request.onSession(evaluation -> {
            Answer answer = new Answer(request, inspect ? evaluation : null);
            evaluation.eval(code, request, outcome -> outcome.accept(answer));
            if (!request.answered()) {
                request.done(Plist.builder()); // every snippet succeeded
            }
        });
    }

    /**
     * Sends each outcome: a success as an intermediate reply, the failure that ends the input as the final one.
     *
     * @param inspecting the evaluation whose values are held for {@code inspect}; null when not asked for
     */
    private record Answer(Request request, Session.Evaluation inspecting) implements SnippetOutcome.Visitor<Void> {
        @Override
        public Void value(SnippetOutcome.Value v) {
            Plist.Builder reply = Plist.builder().put(Wire.VALUE, v.value()).put(Wire.TYPE, v.type());
            if (v.name() != null) {
                reply.put("name", v.name());
                if (inspecting != null) {
                    inspecting.variable(v.name()).map(VariableValue::value).filter(ObjectParts::hasParts).ifPresent(
                            value -> InspectOp.holding(reply, value, request.connection().heldObjects()));
                }
            }
            request.send(reply);
            return null;
        }

        @Override
        public Void declared(SnippetOutcome.Declared d) {
            request.send(Plist.builder().put(Wire.DECLARED, d.description()));
            return null;
        }

        @Override
        public Void ran(SnippetOutcome.Ran r) {
            return null;
        }

        @Override
        public Void threw(SnippetOutcome.Threw t) {
            request.fail(Wire.EVAL_ERROR, t.condition(),
                    snippet(t).put(Wire.EXCEPTION, t.exceptionClass()).put(Wire.TRACE, t.trace()));
            return null;
        }

        @Override
        public Void rejected(SnippetOutcome.Rejected r) {
            List<Sexp> diagnostics = r.diagnostics().stream().map(d -> (Sexp) Plist.builder()
                    .put(Wire.LINE, d.line()).put(Wire.COLUMN, d.column()).put(Wire.MESSAGE, d.message())
                    .build().toSexp()).toList();
            String first = r.diagnostics().isEmpty() ? "the snippet does not compile"
                    : "line " + r.diagnostics().get(0).line() + ", column " + r.diagnostics().get(0).column() + ": "
                            + r.diagnostics().get(0).message();
            request.fail(Wire.COMPILE_ERROR, first, snippet(r).put(Wire.DIAGNOSTICS, Sexp.list(diagnostics)));
            return null;
        }

        @Override
        public Void incomplete(SnippetOutcome.Incomplete i) {
            request.fail(Wire.INCOMPLETE, "the code ends inside an unfinished snippet", snippet(i));
            return null;
        }

        @Override
        public Void interrupted(SnippetOutcome.Interrupted i) {
            request.fail(Wire.INTERRUPTED, "evaluation interrupted", snippet(i));
            return null;
        }

        private static Plist.Builder snippet(SnippetOutcome outcome) {
            return Plist.builder().put(Wire.SNIPPET, outcome.source());
        }
    }
}
