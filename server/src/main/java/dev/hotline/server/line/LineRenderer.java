package dev.hotline.server.line;

import dev.hotline.server.eval.SnippetOutcome;

/**
 * Renders an outcome as the line protocol's plain text: a value alone on its line (so
 * {@code echo 1+1 | nc} prints {@code 2}), declarations after {@code | }, errors after {@code error: }.
 */
final class LineRenderer implements SnippetOutcome.Visitor<String> {
    private static final LineRenderer INSTANCE = new LineRenderer();

    private LineRenderer() {
    }

    static String render(SnippetOutcome outcome) {
        return outcome.accept(INSTANCE);
    }

    @Override
    public String value(SnippetOutcome.Value v) {
        return v.value() + "\n";
    }

    @Override
    public String declared(SnippetOutcome.Declared d) {
        return "| " + d.description() + "\n";
    }

    @Override
    public String ran(SnippetOutcome.Ran r) {
        return "";
    }

    @Override
    public String threw(SnippetOutcome.Threw t) {
        return "error: " + (t.trace().isEmpty() ? t.exceptionClass() + ": " + t.message() + "\n" : t.trace());
    }

    @Override
    public String rejected(SnippetOutcome.Rejected r) {
        return r.report();
    }

    @Override
    public String incomplete(SnippetOutcome.Incomplete i) {
        return "error: unfinished snippet: " + i.source() + "\n";
    }

    @Override
    public String interrupted(SnippetOutcome.Interrupted i) {
        return "error: evaluation interrupted\n";
    }
}
