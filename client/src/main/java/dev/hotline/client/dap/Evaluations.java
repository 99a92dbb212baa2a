package dev.hotline.client.dap;

import dev.hotline.client.connection.ServiceLink;
import dev.hotline.client.connection.Answer;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.CompletionItem;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.CompletionsResponse;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.VariablesResponse;

/**
 * The Debug Console and the Variables pane: {@code evaluate} runs Java in the service's session (DAP's "global
 * scope"), with what it prints as output events and its value as a tree the IDE expands on demand
 * ({@code variables}, a page at a time); {@code completions} are the session's.
 */
final class Evaluations {
    /** What a hover evaluates: a name or a chain of fields, never a call, so hovering cannot change state. */
    private static final Pattern HOVERABLE = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\w$.]*");

    private final Adapter adapter;

    Evaluations(Adapter adapter) {
        this.adapter = adapter;
    }

    CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        String expression = args.getExpression() == null ? "" : args.getExpression().strip();
        Optional<String> captured = capturedValue(args.getFrameId(), expression);
        if (captured.isPresent()) {
            EvaluateResponse response = new EvaluateResponse();
            response.setResult(captured.get());
            return CompletableFuture.completedFuture(response);
        }
        if ("hover".equals(args.getContext()) && !HOVERABLE.matcher(expression).matches()) {
            return Adapter.refuse("hovering shows names and fields only, so that it never runs code in the service");
        }
        return adapter.link().call("eval", Plist.builder().put(Wire.CODE, expression).put("inspect", Sexp.T)
                .put(Wire.SESSION, adapter.session()), this::printed).thenCompose(answer -> {
                    if (answer.failed()) {
                        return Adapter.refuse(failure(answer));
                    }
                    return CompletableFuture.completedFuture(result(answer));
                });
    }

    /** What the snippet printed, as the Debug Console's output. */
    private void printed(Plist reply) {
        reply.string(Wire.OUT).ifPresent(text -> adapter.output("stdout", text));
        reply.string(Wire.ERR).ifPresent(text -> adapter.output("stderr", text));
    }

    private EvaluateResponse result(Answer answer) {
        EvaluateResponse response = new EvaluateResponse();
        Plist valued = null;
        List<String> declared = new ArrayList<>();
        for (Plist reply : answer.replies()) {
            if (reply.has(Wire.VALUE)) {
                valued = reply;
            }
            reply.string(Wire.DECLARED).ifPresent(declared::add);
        }
        if (valued == null) {
            response.setResult(String.join("\n", declared));
            return response;
        }
        response.setResult(valued.string(Wire.VALUE).orElse(""));
        response.setType(valued.string(Wire.TYPE).orElse(null));
        Optional<Long> ref = valued.integer("ref");
        if (ref.isPresent()) {
            response.setVariablesReference(adapter.references().add(new References.ServiceObject(ref.get())));
            response.setIndexedVariables(valued.integer("indexed").orElse(0L).intValue());
            response.setNamedVariables(valued.integer("named").orElse(0L).intValue());
        }
        return response;
    }

    /** A failure for people: the message, and for an exception the snippet's frames too. */
    private static String failure(Answer answer) {
        Plist last = answer.last();
        String message = last.string(Wire.MESSAGE).orElse("the evaluation failed");
        return last.string(Wire.TRACE).filter(trace -> !trace.isBlank()).orElse(message);
    }

    /** A local of the snapshot whose frame the IDE names, so hovering a name there shows its captured value. */
    private Optional<String> capturedValue(Integer frameId, String expression) {
        if (frameId == null) {
            return Optional.empty();
        }
        return adapter.snapshots().frame(frameId).flatMap(frame -> {
            ProbeHit hit = frame.snapshot().hit();
            if (expression.equals("this")) {
                return hit.self();
            }
            return hit.locals().stream().filter(local -> local.getKey().equals(expression))
                    .map(Map.Entry::getValue).findFirst();
        });
    }

    CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        References.Container container = adapter.references().get(args.getVariablesReference()).orElse(null);
        if (container instanceof References.CapturedLocals locals) {
            return CompletableFuture.completedFuture(response(capturedVariables(locals.hit())));
        }
        if (!(container instanceof References.ServiceObject object)) {
            return Adapter.refuse("no variables are known by the number " + args.getVariablesReference());
        }
        Plist.Builder request = Plist.builder().put("ref", object.ref()).put(Wire.SESSION, adapter.session());
        if (args.getFilter() != null) {
            request.put("filter", args.getFilter() == VariablesArgumentsFilter.INDEXED ? "indexed" : "named");
        }
        if (args.getStart() != null) {
            request.put("start", args.getStart());
        }
        if (args.getCount() != null && args.getCount() > 0) {
            request.put("count", args.getCount());
        }
        return adapter.link().call("inspect", request).thenCompose(answer -> {
            if (answer.failed()) {
                return Adapter.refuse(answer.message().orElse("could not look inside the object"));
            }
            List<Variable> variables = new ArrayList<>();
            if (answer.last().get("parts").orElse(Sexp.NIL) instanceof Sexp.Lst parts) {
                parts.items().forEach(part -> variables.add(variable(ServiceLink.plist(part))));
            }
            return CompletableFuture.completedFuture(response(variables));
        });
    }

    private Variable variable(Plist part) {
        Variable variable = new Variable();
        variable.setName(part.string("name").orElse("?"));
        variable.setValue(part.string(Wire.VALUE).orElse(""));
        variable.setType(part.string(Wire.TYPE).orElse(null));
        part.integer("ref").ifPresent(ref -> {
            variable.setVariablesReference(adapter.references().add(new References.ServiceObject(ref)));
            variable.setIndexedVariables(part.integer("indexed").orElse(0L).intValue());
            variable.setNamedVariables(part.integer("named").orElse(0L).intValue());
        });
        return variable;
    }

    private static List<Variable> capturedVariables(ProbeHit hit) {
        List<Variable> variables = new ArrayList<>();
        hit.thrown().ifPresent(thrown -> variables.add(captured("thrown", thrown)));
        hit.self().ifPresent(self -> variables.add(captured("this", self)));
        hit.locals().forEach(local -> variables.add(captured(local.getKey(), local.getValue())));
        return variables;
    }

    private static Variable captured(String name, String value) {
        Variable variable = new Variable();
        variable.setName(name);
        variable.setValue(value);
        return variable;
    }

    private static VariablesResponse response(List<Variable> variables) {
        VariablesResponse response = new VariablesResponse();
        response.setVariables(variables.toArray(Variable[]::new));
        return response;
    }

    CompletableFuture<CompletionsResponse> completions(CompletionsArguments args) {
        String text = args.getText() == null ? "" : args.getText();
        int cursor = Math.max(0, Math.min(text.length(), args.getColumn() - adapter.columnBase()));
        return adapter.link().call("complete", Plist.builder().put(Wire.CODE, text).put("cursor", cursor)
                .put(Wire.SESSION, adapter.session())).thenApply(answer -> {
                    Plist last = answer.last();
                    int anchor = last.integer("anchor").orElse((long) cursor).intValue();
                    CompletionsResponse response = new CompletionsResponse();
                    response.setTargets(last.strings("completions").stream().map(candidate -> {
                        CompletionItem item = new CompletionItem();
                        item.setLabel(candidate);
                        item.setStart(anchor + adapter.columnBase());
                        item.setLength(cursor - anchor);
                        return item;
                    }).toArray(CompletionItem[]::new));
                    return response;
                });
    }
}
