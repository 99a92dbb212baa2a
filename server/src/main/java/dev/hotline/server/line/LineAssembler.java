package dev.hotline.server.line;

import dev.hotline.protocol.CommandLines;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Gathers the line dialect's lines into what runs: a slash command, or a snippet once its lines are complete
 * Java. A line that {@link CommandLines#isCommand reads as a command} outside a snippet is one (so a
 * {@code // comment} is Java); blank lines outside a snippet are
 * ignored; every other line joins the pending snippet. A pending snippet that grows past
 * {@code maxSnippetChars} (a {@code {} never closed, a text block never ended) is discarded, so a client
 * cannot make the server hold or re-parse input without bound; so is one that loses a line (too long to
 * read). After a discard the rest of that snippet's lines are still to come, and would run as snippets of
 * their own: the caller must stop reading the connection.
 */
final class LineAssembler {

    /** What a line completed. */
    sealed interface Input {
        /** A command line, {@code /name args}. */
        record Command(String line) implements Input { }

        /** Complete Java, one or more snippets, each line ending in a newline. */
        record Snippet(String code) implements Input { }

        /** The pending snippet was dropped, {@code chars} characters of it. */
        record Discarded(int chars) implements Input { }
    }

    private final int maxSnippetChars;
    private final StringBuilder pending = new StringBuilder();

    LineAssembler(int maxSnippetChars) {
        this.maxSnippetChars = maxSnippetChars;
    }

    /**
     * Takes one line (without its line break); returns what it completed, if anything.
     *
     * @param isComplete whether some text is complete Java (the session's completeness analysis)
     */
    Optional<Input> accept(String line, Predicate<String> isComplete) {
        if (pending.length() == 0 && CommandLines.isCommand(line)) {
            return Optional.of(new Input.Command(line));
        }
        if (pending.length() == 0 && line.isBlank()) {
            return Optional.empty();
        }
        pending.append(line).append('\n');
        if (pending.length() > maxSnippetChars) {
            return Optional.of(discard());
        }
        String code = pending.toString();
        if (!isComplete.test(code)) {
            return Optional.empty();
        }
        pending.setLength(0);
        return Optional.of(new Input.Snippet(code));
    }

    /**
     * Notes a line that was too long to read and was skipped: the pending snippet, if any, cannot be
     * complete any more, and is discarded.
     */
    Optional<Input.Discarded> lineSkipped() {
        return pending.length() == 0 ? Optional.empty() : Optional.of(discard());
    }

    private Input.Discarded discard() {
        Input.Discarded discarded = new Input.Discarded(pending.length());
        pending.setLength(0);
        return discarded;
    }

    /** The lines of a snippet not yet complete, or an empty string. */
    String pending() {
        return pending.toString();
    }
}
