package dev.hotline.client.repl;

import dev.hotline.protocol.CommandLines;
import java.util.List;
import java.util.function.Predicate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of a line of Java. On Enter it asks {@code isComplete} (the server's JShell) whether the
 * buffer ends inside a snippet; if so it throws {@link EOFError}, and JLine keeps reading lines, as it does
 * for unbalanced brackets. For completion the "word" is the identifier before the cursor (or a slash
 * command at the start of the line).
 */
final class JavaLineParser implements Parser {
    private final Predicate<String> isComplete;

    /** @param isComplete tells whether the code holds only complete snippets */
    JavaLineParser(Predicate<String> isComplete) {
        this.isComplete = isComplete;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !CommandLines.isCommand(line)
                && !isComplete.test(line)) {
            throw new EOFError(-1, cursor, "the snippet is not complete yet", "snippet");
        }
        return new JavaWord(line, cursor);
    }

    /** The start of the identifier (or slash command) that ends at {@code cursor}. */
    static int wordStart(String line, int cursor) {
        int start = cursor;
        while (start > 0 && Character.isJavaIdentifierPart(line.charAt(start - 1))) {
            start--;
        }
        if (start == 1 && line.charAt(0) == '/') {
            start = 0;
        }
        return start;
    }

    private record JavaWord(String line, int cursor, int start) implements CompletingParsedLine {
        JavaWord(String line, int cursor) {
            this(line, cursor, wordStart(line, cursor));
        }

        @Override
        public String word() {
            return line.substring(start, cursor);
        }

        @Override
        public int wordCursor() {
            return cursor - start;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word());
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return cursor - start;
        }
    }
}
