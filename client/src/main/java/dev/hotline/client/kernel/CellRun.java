package dev.hotline.client.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.ServiceLink;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.EvalPrinter;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code execute_request}: the cell runs in the service's session (or, starting with {@code %}, as a magic),
 * what it prints streams to the notebook as it comes, and its value becomes the {@code execute_result}, with the
 * richer forms the service sent ({@code :display}). The value shown is that of the cell's last snippet when it has
 * one, as JShell and Hotline's REPL show it: an expression's, or a variable's (declared or named); a method or
 * class declaration shows nothing.
 */
final class CellRun implements CellOutput {
    private final KernelSockets sockets;
    private final JupyterMessage request;
    private final int count;
    private final boolean silent;
    private Plist lastValue;

    CellRun(KernelSockets sockets, JupyterMessage request, int count) {
        this.sockets = sockets;
        this.request = request;
        this.count = count;
        this.silent = request.flag("silent", false);
    }

    /** Runs the cell; the {@code execute_reply}'s content. */
    JsonObject run(ServiceLine line, Magics magics) {
        String code = request.text("code", "");
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            sockets.publish(request, "execute_input", input);
        }
        try {
            if (Magics.isMagic(code)) {
                magics.run(code.strip(), this);
            } else if (!code.isBlank()) {
                evaluate(line, code);
            }
        } catch (CellFailure failure) {
            return failed(failure);
        } catch (IOException | CliException e) {
            return failed(new CellFailure("ServiceUnreachable", e.getMessage(),
                    List.of("the service did not answer: " + e.getMessage(), "the next cell connects again; is the"
                            + " service running? (hotline status NAME)")));
        } catch (RuntimeException e) { // the kernel's own fault: said in the cell, rather than a cell that never ends
            return failed(new CellFailure("KernelError", String.valueOf(e), List.of("hotline kernel failed: " + e,
                    "the service was not affected; please report this")));
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("execution_count", count);
        reply.add("user_expressions", new JsonObject());
        reply.add("payload", new JsonArray());
        return reply;
    }

    private void evaluate(ServiceLine line, String code) throws IOException, CliException, CellFailure {
        Answer answer = line.eval(code, reply -> {
            reply.string(Wire.OUT).ifPresent(text -> stream("stdout", text));
            reply.string(Wire.ERR).ifPresent(text -> stream("stderr", text));
            if (reply.has(Wire.VALUE)) {
                lastValue = reply;
            } else if (reply.has(Wire.DECLARED)) {
                lastValue = null;
            }
        });
        if (answer.failed()) {
            throw failure(answer.last());
        }
        if (lastValue != null) {
            show(bundle(lastValue));
        }
    }

    /** The MIME bundle of a value reply: its text, then the forms in its {@code :display}. */
    static Map<String, String> bundle(Plist value) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", value.string(Wire.VALUE).orElse(""));
        List<String> forms = value.strings("display");
        for (int i = 0; i + 1 < forms.size(); i += 2) {
            bundle.put(forms.get(i), forms.get(i + 1));
        }
        return bundle;
    }

    /** The failure a final eval reply reports, as a notebook shows one. */
    static CellFailure failure(Plist last) {
        List<String> kinds = last.keywords(Wire.STATUS);
        String message = last.string(Wire.MESSAGE).orElse("the evaluation failed");
        List<String> traceback = new ArrayList<>();
        if (kinds.contains(Wire.EVAL_ERROR)) {
            String exception = last.string(Wire.EXCEPTION).orElse("java.lang.Throwable");
            last.string(Wire.TRACE).ifPresent(trace -> trace.lines().forEach(traceback::add));
            if (traceback.isEmpty() || !traceback.get(0).equals(message)) {
                traceback.add(0, message);
            }
            String detail = message.startsWith(exception + ": ") ? message.substring(exception.length() + 2) : message;
            return new CellFailure(exception, detail, traceback);
        }
        if (kinds.contains(Wire.COMPILE_ERROR)) {
            traceback.addAll(EvalPrinter.diagnostics(last));
            last.string(Wire.SNIPPET).ifPresent(snippet -> traceback.add("in: " + snippet.strip()));
            return new CellFailure("CompileError", message, traceback);
        }
        if (kinds.contains(Wire.INTERRUPTED)) {
            return new CellFailure("Interrupted", message, List.of("the cell was interrupted: " + message));
        }
        String kind = kinds.stream().filter(k -> !k.equals(Wire.ERROR) && !k.equals(Wire.DONE)).findFirst()
                .orElse("error");
        return new CellFailure(kind, message, List.of(message));
    }

    private JsonObject failed(CellFailure failure) {
        JsonObject error = new JsonObject();
        error.addProperty("ename", failure.name());
        error.addProperty("evalue", failure.getMessage() == null ? "" : failure.getMessage());
        JsonArray traceback = new JsonArray();
        failure.traceback().forEach(traceback::add);
        error.add("traceback", traceback);
        if (!silent) {
            sockets.publish(request, "error", error.deepCopy());
        }
        error.addProperty("status", "error");
        error.addProperty("execution_count", count);
        return error;
    }

    @Override
    public void stream(String name, String text) {
        if (!silent && !text.isEmpty()) {
            JsonObject stream = new JsonObject();
            stream.addProperty("name", name);
            stream.addProperty("text", text);
            sockets.publish(request, "stream", stream);
        }
    }

    @Override
    public void show(Map<String, String> bundle) {
        if (silent) {
            return;
        }
        JsonObject data = new JsonObject();
        bundle.forEach(data::addProperty);
        JsonObject result = new JsonObject();
        result.addProperty("execution_count", count);
        result.add("data", data);
        result.add("metadata", new JsonObject());
        sockets.publish(request, "execute_result", result);
    }
}
