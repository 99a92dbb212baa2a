package dev.hotline.client.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotline.client.connection.Answer;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Version;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.util.List;

/**
 * The kernel's answers to the requests that are not cells: each asks the service what the REPL and the editors
 * ask it ({@code is-complete}, {@code complete}, {@code documentation}, {@code snippets}, {@code interrupt}) and
 * says it in Jupyter's terms. Jupyter counts positions in code points, the service in UTF-16 units: converted here.
 * When the service cannot be reached, each still answers (an error status, or nothing found), so a front end never
 * waits on the kernel.
 */
final class Requests {
    private final ServiceLine line;
    private final String serviceName;

    Requests(ServiceLine line, String serviceName) {
        this.line = line;
        this.serviceName = serviceName;
    }

    JsonObject kernelInfo() {
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("mimetype", "text/x-java");
        language.addProperty("file_extension", ".jsh");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        String banner;
        try {
            Plist status = line.call("status", Plist.builder()).last();
            String java = status.string("java-version").orElse("");
            language.addProperty("version", java);
            banner = "Hotline: cells run in " + status.string("service").orElse(serviceName) + " (pid "
                    + status.integer("pid").orElse(0L) + ", Java " + java + "), session " + line.session()
                    + ", as " + status.string("role").orElse("?") + ".\nMagics: %help.";
        } catch (IOException | CliException e) {
            language.addProperty("version", "");
            banner = "Hotline: " + serviceName + " is not reachable now (" + e.getMessage()
                    + "); each cell tries again.";
        }
        JsonObject reply = ok();
        reply.addProperty("protocol_version", MessageCodec.PROTOCOL_VERSION);
        reply.addProperty("implementation", "hotline");
        reply.addProperty("implementation_version", Version.current());
        reply.add("language_info", language);
        reply.addProperty("banner", banner);
        reply.add("help_links", new JsonArray());
        return reply;
    }

    JsonObject isComplete(JupyterMessage request) {
        String code = request.text("code", "");
        JsonObject reply = new JsonObject();
        if (Magics.isMagic(code)) {
            reply.addProperty("status", "complete");
            return reply;
        }
        try {
            boolean complete = line.call("is-complete", Plist.builder().put(Wire.CODE, code)).last().flag("complete");
            reply.addProperty("status", complete ? "complete" : "incomplete");
            if (!complete) {
                reply.addProperty("indent", "    ");
            }
        } catch (IOException | CliException e) {
            reply.addProperty("status", "unknown");
        }
        return reply;
    }

    JsonObject complete(JupyterMessage request) {
        String code = request.text("code", "");
        int cursor = utf16(code, request.number("cursor_pos", code.codePointCount(0, code.length())));
        JsonObject reply = ok();
        JsonArray matches = new JsonArray();
        int anchor = cursor;
        try {
            Plist answer = line.call("complete", Plist.builder().put(Wire.CODE, code).put("cursor", cursor)).last();
            anchor = answer.integer("anchor").map(Long::intValue).orElse(cursor);
            answer.strings("completions").forEach(matches::add);
        } catch (IOException | CliException e) {
            reply.addProperty("status", "error");
        }
        reply.add("matches", matches);
        reply.addProperty("cursor_start", code.codePointCount(0, Math.min(anchor, code.length())));
        reply.addProperty("cursor_end", code.codePointCount(0, cursor));
        reply.add("metadata", new JsonObject());
        return reply;
    }

    JsonObject inspect(JupyterMessage request) {
        String code = request.text("code", "");
        int cursor = utf16(code, request.number("cursor_pos", code.codePointCount(0, code.length())));
        JsonObject reply = ok();
        List<String> docs = List.of();
        try {
            docs = line.call("documentation", Plist.builder().put(Wire.CODE, code).put("cursor", cursor)).last()
                    .strings("docs");
        } catch (IOException | CliException e) {
            reply.addProperty("status", "error");
        }
        JsonObject data = new JsonObject();
        if (!docs.isEmpty()) {
            data.addProperty("text/plain", String.join("\n\n", docs));
        }
        reply.addProperty("found", !docs.isEmpty());
        reply.add("data", data);
        reply.add("metadata", new JsonObject());
        return reply;
    }

    /** The session's snippets, as Jupyter's history: session 0, one line number per snippet. */
    JsonObject history(JupyterMessage request) {
        JsonObject reply = ok();
        JsonArray history = new JsonArray();
        try {
            List<Plist> snippets = line.call("snippets", Plist.builder()).last().plists("snippets");
            int n = request.number("n", snippets.size());
            int from = request.text("hist_access_type", "tail").equals("tail") ? Math.max(0, snippets.size() - n) : 0;
            for (int i = from; i < snippets.size(); i++) {
                JsonArray entry = new JsonArray();
                entry.add(0);
                entry.add(i + 1);
                entry.add(snippets.get(i).string("source").orElse(""));
                history.add(entry);
            }
        } catch (IOException | CliException e) {
            reply.addProperty("status", "error");
        }
        reply.add("history", history);
        return reply;
    }

    JsonObject commInfo() {
        JsonObject reply = ok();
        reply.add("comms", new JsonObject());
        return reply;
    }

    /** This kernel has no comm targets: a {@code comm_open} is closed at once, as IPython closes unknown ones. */
    JsonObject commClose(JupyterMessage request) {
        JsonObject close = new JsonObject();
        close.addProperty("comm_id", request.text("comm_id", ""));
        close.add("data", new JsonObject());
        return close;
    }

    /** Interrupts the cell running in the kernel's session, if any. */
    JsonObject interrupt() {
        JsonObject reply = ok();
        try {
            Answer answer = line.call("interrupt", Plist.builder());
            if (answer.failed()) {
                reply.addProperty("status", "error");
            }
        } catch (IOException | CliException e) {
            reply.addProperty("status", "error");
        }
        return reply;
    }

    private static JsonObject ok() {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        return reply;
    }

    /** A code-point offset into {@code code} as a UTF-16 index, within the code. */
    private static int utf16(String code, int codePoints) {
        int points = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, points);
    }
}
