package dev.hotline.server.line;

import dev.hotline.server.eval.SnippetOutcome;

/**
 * Renders an outcome as the line protocol's plain text: a value alone on its line (so
 * {@code echo 1+1 | nc} prints {@code 2}), declarations after {@code | }, errors after {@code error: }.
 */
final class LineRenderer {
    private LineRenderer() {
    }

    static String render(SnippetOutcome outcome) {
        if (outcome instanceof SnippetOutcome.Value v) {
            return v.value() + "\n";
        }
        if (outcome instanceof SnippetOutcome.Declared d) {
            return "| " + d.description() + "\n";
        }
        if (outcome instanceof SnippetOutcome.Threw t) {
            return "error: " + (t.trace().isEmpty() ? t.exceptionClass() + ": " + t.message() + "\n" : t.trace());
        }
        if (outcome instanceof SnippetOutcome.Rejected r) {
            StringBuilder sb = new StringBuilder();
            for (SnippetOutcome.Diagnostic d : r.diagnostics()) {
                sb.append(d.error() ? "error: " : "warning: ").append("line ").append(d.line()).append(", column ")
                        .append(d.column()).append(": ").append(d.message()).append('\n');
            }
            return sb.length() > 0 ? sb.toString() : "error: the snippet does not compile\n";
        }
        if (outcome instanceof SnippetOutcome.Interrupted) {
            return "error: evaluation interrupted\n";
        }
        if (outcome instanceof SnippetOutcome.Incomplete i) {
            return "error: unfinished snippet: " + i.source() + "\n";
        }
        return "";
    }
}
