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
            return r.report();
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
