package dev.hotline.server.eval;

import jdk.jshell.SourceCodeAnalysis;

/** Whether input is ready to run, by JShell's completeness analysis: what the line dialect waits for. */
public final class Completeness {
    private Completeness() {
    }

    /**
     * True when {@code input} holds only complete snippets (or nothing); false when it ends inside one. Every
     * snippet is checked, not just the first: {@code int a = 1; int b = (} is still incomplete.
     */
    public static boolean isComplete(SourceCodeAnalysis analysis, String input) {
        String rest = input;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            SourceCodeAnalysis.Completeness c = info.completeness();
            if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                return false;
            }
            String remaining = info.remaining() == null ? "" : info.remaining();
            if (c == SourceCodeAnalysis.Completeness.EMPTY || remaining.length() >= rest.length()) {
                return true; // nothing more to run, or no further snippet boundary to find
            }
            rest = remaining;
        }
        return true;
    }
}
