package dev.hotline.client.repl;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * TAB completion from the server's JShell (the app's classes and members, the session's declarations), and
 * of slash commands from the list the server describes.
 */
final class ServerCompleter implements Completer {
    private final ReplConnection connection;
    private final String session;
    private final List<String> commands;

    ServerCompleter(ReplConnection connection, String session, List<String> commands) {
        this.connection = connection;
        this.session = session;
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String code = line.line();
        int cursor = line.cursor();
        int wordStart = cursor - line.wordCursor();
        if (code.strip().startsWith("/") && !code.strip().contains(" ")) {
            commands.forEach(c -> candidates.add(new Candidate("/" + c, "/" + c, null, null, " ", null, true)));
            return;
        }
        try {
            Plist reply = connection.call("complete", Plist.builder().put(Wire.CODE, code).put("cursor", cursor)
                    .put(Wire.SESSION, session));
            int anchor = reply.integer("anchor").orElse((long) wordStart).intValue();
            if (reply.get("completions").orElse(Sexp.NIL) instanceof Sexp.Lst list) {
                for (Sexp item : list.items()) {
                    if (item instanceof Sexp.Str s) {
                        String value = replacement(code, wordStart, anchor, s.value());
                        candidates.add(new Candidate(value, s.value(), null, null, null, null, false));
                    }
                }
            }
        } catch (IOException e) {
            // no candidates when the service cannot answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JLine replaces the word (from {@code wordStart}); JShell's candidate replaces from {@code anchor}. */
    static String replacement(String code, int wordStart, int anchor, String continuation) {
        if (anchor >= wordStart) {
            return code.substring(wordStart, anchor) + continuation;
        }
        return continuation.substring(Math.min(continuation.length(), wordStart - anchor));
    }
}
