package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.display.MimeBundles;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SnippetOutcome;
import dev.hotline.server.eval.VariableValue;
import dev.hotline.server.inspect.ObjectParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
                                + " to look inside it with the inspect op"),
                        OpDescriptor.Arg.optional("display", "t: a value with richer forms (a table, a chart, an"
                                + " image, HTML) also gets :display (MIME DATA ...), for a notebook")),
                ":out/:err while running; :value :type :name per expression; :declared per declaration; then"
                        + " :status (:done), or (:error KIND :done) with KIND one of eval-error, compile-error,"
                        + " incomplete, interrupted");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String code = request.required(Wire.CODE);
        boolean inspect = request.message().flag("inspect");
        boolean display = request.message().flag("display");
        request.onSession(evaluation -> {
            Answer answer = new Answer(request, evaluation, inspect, display);
            evaluation.eval(code, request, outcome -> outcome.accept(answer));
            if (!request.answered()) {
                request.done(Plist.builder()); // every snippet succeeded
            }
        });
    }

    /**
     * Sends each outcome: a success as an intermediate reply, the failure that ends the input as the final one.
     *
     * @param inspect whether a value with parts is held for {@code inspect}
     * @param display whether a value's rich forms are sent as {@code :display}
     */
    private record Answer(Request request, Session.Evaluation evaluation, boolean inspect, boolean display)
            implements SnippetOutcome.Visitor<Void> {
        @Override
        public Void value(SnippetOutcome.Value v) {
            Plist.Builder reply = Plist.builder().put(Wire.VALUE, v.value()).put(Wire.TYPE, v.type());
            if (v.name() != null) {
                reply.put("name", v.name());
                Object value = inspect || display
                        ? evaluation.variable(v.name()).map(VariableValue::value).orElse(null) : null;
                if (inspect && ObjectParts.hasParts(value)) {
                    InspectOp.holding(reply, value, request.connection().heldObjects());
                }
                Map<String, String> bundle = display ? MimeBundles.of(value) : Map.of();
                if (!bundle.isEmpty()) {
                    List<Sexp> forms = new ArrayList<>();
                    bundle.forEach((mime, data) -> forms.addAll(List.of(Sexp.str(mime), Sexp.str(data))));
                    reply.put("display", Sexp.list(forms));
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
