package dev.hotline.client.repl;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;

/**
 * The REPL's commands that work with files where the REPL runs, as jshell's do:
 * <ul>
 *   <li>{@code /save FILE}: the session's live declarations (imports, classes, methods, variables; not the
 *       temporary {@code $N} values) as a {@code .jsh} file, which {@code hotline eval < FILE} or {@code /open}
 *       replays;</li>
 *   <li>{@code /open FILE}: evaluates a file, as if typed;</li>
 *   <li>{@code /edit [NAME]}: opens the editor on the declaration NAME (or on an empty snippet) and evaluates
 *       what it holds when the editor exits, if it changed.</li>
 * </ul>
 */
final class FileCommands {
    /** Evaluates code in the REPL's session as the REPL does, printing what comes back. */
    @FunctionalInterface
    interface Evaluator {
        void eval(String code) throws IOException, InterruptedException;
    }

    static final List<String> NAMES = List.of("save", "open", "edit");

    private final Terminal terminal;
    private final ReplConnection connection;
    private final String session;
    private final String editor;
    private final PrintWriter out;

    /** @param editor a shell command; the file to edit is appended as its last argument */
    FileCommands(Terminal terminal, ReplConnection connection, String session, String editor) {
        this.terminal = terminal;
        this.connection = connection;
        this.session = session;
        this.editor = editor;
        this.out = terminal.writer();
    }

    /** Runs {@code line} if it is one of these commands; false when it is not. */
    boolean run(String line, Evaluator evaluator) throws IOException, InterruptedException {
        String[] words = line.strip().split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "/save" -> save(argument);
            case "/open" -> open(argument, evaluator);
            case "/edit" -> edit(argument, evaluator);
            default -> {
                return false;
            }
        }
        out.flush();
        return true;
    }

    private void save(String file) throws IOException, InterruptedException {
        if (file.isEmpty()) {
            out.println("error: /save needs a file: /save FILE.jsh");
            return;
        }
        List<String> declarations = new ArrayList<>();
        for (Plist snippet : snippets()) {
            String kind = snippet.string("kind").orElse("");
            boolean temporary = snippet.string("name").orElse("").startsWith("$");
            if (!temporary && !kind.equals("expression") && !kind.equals("statement")) {
                declarations.add(snippet.string("source").orElse("").strip());
            }
        }
        Files.writeString(Path.of(file), String.join("\n\n", declarations) + (declarations.isEmpty() ? "" : "\n"));
        out.println("| saved " + declarations.size() + " declarations of session " + session + " to " + file);
    }

    private void open(String file, Evaluator evaluator) throws IOException, InterruptedException {
        if (file.isEmpty() || !Files.isRegularFile(Path.of(file))) {
            out.println("error: /open needs an existing file: /open FILE.jsh");
            return;
        }
        evaluator.eval(Files.readString(Path.of(file)));
    }

    private void edit(String name, Evaluator evaluator) throws IOException, InterruptedException {
        Optional<String> source = Optional.of("");
        if (!name.isEmpty()) {
            source = snippets().stream().filter(s -> s.string("name").orElse("").equals(name))
                    .map(s -> s.string("source").orElse("")).reduce((first, last) -> last);
            if (source.isEmpty()) {
                out.println("error: no declaration named " + name + " in session " + session + " (/list shows them)");
                return;
            }
        }
        Path file = Files.createTempFile("hotline-edit-", ".jsh");
        try {
            Files.writeString(file, source.get());
            terminal.pause();
            int exit;
            try {
                exit = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO().start().waitFor();
            } finally {
                terminal.resume();
            }
            String edited = Files.readString(file);
            if (exit != 0) {
                out.println("error: the editor (" + editor + ") exited with status " + exit + "; nothing evaluated");
            } else if (edited.strip().equals(source.get().strip()) || edited.isBlank()) {
                out.println("| unchanged");
            } else {
                evaluator.eval(edited);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private List<Plist> snippets() throws IOException, InterruptedException {
        Plist reply = connection.call("snippets", Plist.builder().put(Wire.SESSION, session));
        List<Plist> snippets = new ArrayList<>();
        if (reply.get("snippets").orElse(Sexp.NIL) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                try {
                    snippets.add(Plist.from(item));
                } catch (ProtocolException e) {
                    // not a snippet description: skipped
                }
            }
        }
        return snippets;
    }
}
