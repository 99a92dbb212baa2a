package dev.hotline.client.repl;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.EvalPrinter;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.CommandLines;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * The interactive REPL on a JLine terminal. Enter runs the snippet once the server says it is complete
 * (otherwise the line continues); TAB completes from the server; Shift-TAB shows the signature and Javadoc
 * of what is under the cursor; history is kept per service, searchable with Ctrl-R and listed by
 * {@code /history}. Ctrl-C while code runs interrupts it; at the prompt it clears the line; Ctrl-D leaves.
 * Besides the server's slash commands, the REPL itself answers {@code /history}, {@code /quit} and {@code /exit},
 * and the file commands {@code /save}, {@code /open} and {@code /edit} ({@link FileCommands}).
 */
public final class Repl {
    private static final String DOC_WIDGET = "hotline-documentation";
    private static final int CTRL_C = 3;

    private final Terminal terminal;
    private final ReplConnection connection;
    private final String service;
    private final String session;
    private final Path historyFile;
    private final PrintWriter out;
    private final FileCommands files;
    private volatile boolean evaluating;

    /**
     * @param service shown in the prompt
     * @param historyFile where this service's history lives
     * @param editor the shell command {@code /edit} runs, the file appended
     */
    public Repl(Terminal terminal, ReplConnection connection, String service, String session, Path historyFile,
            String editor) {
        this.terminal = terminal;
        this.connection = connection;
        this.service = service;
        this.session = session;
        this.historyFile = historyFile;
        this.out = terminal.writer();
        this.files = new FileCommands(terminal, connection, session, editor);
    }

    /** Runs until Ctrl-D, {@code /quit} or a lost connection; returns the exit code. */
    public int run() throws IOException, InterruptedException {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("hotline")
                .parser(new JavaLineParser(this::isComplete))
                .completer(new ServerCompleter(connection, session, slashCommands()))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P...> ")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .build();
        reader.getWidgets().put(DOC_WIDGET, () -> showDocumentation(reader));
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(DOC_WIDGET), "\033[Z");
        terminal.handle(Terminal.Signal.INT, signal -> interruptIfEvaluating());
        connection.onEvent(event -> reader.printAbove(eventText(event)));
        out.println("Connected to " + service + ", session " + session
                + ". Type Java; /help for commands, Shift-TAB for documentation, Ctrl-D to leave.");
        out.flush();
        String prompt = service + ":" + session + "> ";
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line
                } catch (EndOfFileException e) {
                    return ExitCodes.OK;
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.equals("/quit") || trimmed.equals("/exit")) {
                    return ExitCodes.OK;
                }
                if (trimmed.equals("/history")) {
                    reader.getHistory().forEach(entry -> out.printf("%5d  %s%n", entry.index() + 1, entry.line()));
                    out.flush();
                    continue;
                }
                if (files.run(trimmed, this::eval)) {
                    continue;
                }
                boolean keepGoing = CommandLines.isCommand(trimmed) ? command(trimmed) : eval(line);
                if (!keepGoing) {
                    return connection.isClosed() ? ExitCodes.UNREACHABLE : ExitCodes.OK;
                }
            }
        } finally {
            reader.getHistory().save();
        }
    }

    private boolean eval(String code) throws IOException, InterruptedException {
        BlockingQueue<Plist> replies = connection.send("eval",
                Plist.builder().put(Wire.CODE, code).put(Wire.SESSION, session));
        EvalPrinter printer = EvalPrinter.forRepl(out);
        Attributes before = terminal.enterRawMode();
        terminal.setAttributes(signalsOn(before));
        evaluating = true;
        try {
            while (true) {
                Plist reply = replies.poll(25, TimeUnit.MILLISECONDS);
                if (reply == null) {
                    watchForCtrlC();
                    continue;
                }
                printer.print(reply);
                if (ReplConnection.isFinal(reply)) {
                    return reply != ReplConnection.CLOSED;
                }
            }
        } finally {
            evaluating = false;
            terminal.setAttributes(before);
        }
    }

    private boolean command(String line) throws IOException, InterruptedException {
        BlockingQueue<Plist> replies = connection.send("command", Plist.builder().put("line", line).put(Wire.SESSION, session));
        while (true) {
            Plist reply = replies.take();
            reply.string(Wire.OUT).ifPresent(out::print);
            if (ReplConnection.isFinal(reply)) {
                if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                    out.println("error: " + reply.string(Wire.MESSAGE).orElse(""));
                }
                out.flush();
                return reply != ReplConnection.CLOSED && !reply.has("quit");
            }
        }
    }

    /**
     * A real terminal turns Ctrl-C into SIGINT by itself (signal characters are on while code runs). A dumb
     * terminal over pipes only raises the signal when it reads the byte: peeking makes it read, without
     * taking anything else typed ahead away from the next prompt; the Ctrl-C itself is consumed. (Real
     * terminals are left alone: their peek does not honour its timeout.)
     */
    private void watchForCtrlC() throws IOException, InterruptedException {
        if (!terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            return;
        }
        int next = terminal.reader().peek(25);
        if (next == CTRL_C) {
            terminal.reader().read(1);
        }
    }

    /** {@code attributes} with signal characters (Ctrl-C) turned into signals, and echo as the user had it. */
    private static Attributes signalsOn(Attributes attributes) {
        Attributes copy = new Attributes(attributes);
        copy.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        copy.setControlChar(Attributes.ControlChar.VINTR, CTRL_C);
        return copy;
    }

    /**
     * An event as the REPL prints it above the prompt: {@code | reload: REPORT}, or the report alone when it
     * names itself, as a trace's calls do ({@code | trace 2: 12:00:01.250 [http-3] Greeter.greet("Ada") ...}).
     */
    private static String eventText(Plist event) {
        String name = event.string("event").orElse("event");
        String report = event.string("report").orElse("").strip();
        return "| " + (report.startsWith(name) ? "" : name + ": ") + report.replace("\n", "\n|   ");
    }

    private void interruptIfEvaluating() {
        if (evaluating) {
            try {
                connection.send("interrupt", Plist.builder().put(Wire.SESSION, session));
            } catch (IOException e) {
                // the eval's own queue reports the lost connection
            }
        }
    }

    private boolean isComplete(String code) {
        try {
            Plist reply = connection.call("is-complete", Plist.builder().put(Wire.CODE, code).put(Wire.SESSION, session));
            return !Sexp.NIL.equals(reply.get("complete").orElse(Sexp.T));
        } catch (IOException e) {
            return true; // let the eval itself report the problem
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean showDocumentation(LineReader reader) {
        String code = reader.getBuffer().toString();
        int cursor = reader.getBuffer().cursor();
        List<String> docs = new ArrayList<>();
        try {
            Plist reply = connection.call("documentation",
                    Plist.builder().put(Wire.CODE, code).put("cursor", cursor).put(Wire.SESSION, session));
            if (reply.get("docs").orElse(Sexp.NIL) instanceof Sexp.Lst list) {
                list.items().forEach(d -> docs.add(((Sexp.Str) d).value()));
            }
        } catch (IOException | RuntimeException e) {
            docs.add("no documentation: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.printAbove(docs.isEmpty() ? "no documentation found here" : String.join("\n\n", docs));
        return true;
    }

    private List<String> slashCommands() throws IOException, InterruptedException {
        Plist describe = connection.call("describe", Plist.builder());
        List<String> names = new ArrayList<>();
        if (describe.get("commands").orElse(Sexp.NIL) instanceof Sexp.Lst list) {
            for (Sexp c : list.items()) {
                try {
                    Plist.from(c).string("name").ifPresent(names::add);
                } catch (dev.hotline.protocol.ProtocolException e) {
                    // skip what cannot be read
                }
            }
        }
        names.add("exit");
        names.add("history");
        names.addAll(FileCommands.NAMES);
        return names;
    }

    /**
     * Starts a REPL on {@code terminal}; the history lives in {@code ~/.hotline/history/SERVICE}, and {@code /edit}
     * runs {@code $VISUAL}, else {@code $EDITOR}, else {@code vi}.
     */
    public static int start(Terminal terminal, ReplConnection connection, String session, boolean fresh) throws Exception {
        Path historyDir = Path.of(System.getProperty("user.home"), ".hotline", "history");
        String editor = System.getenv("VISUAL") != null ? System.getenv("VISUAL")
                : System.getenv("EDITOR") != null ? System.getenv("EDITOR") : "vi";
        return start(terminal, connection, session, fresh, historyDir, editor);
    }

    public static int start(Terminal terminal, ReplConnection connection, String session, boolean fresh, Path historyDir,
            String editor) throws Exception {
        Plist status = connection.call("status", Plist.builder());
        if (ReplConnection.CLOSED == status) {
            throw new CliException(ExitCodes.UNREACHABLE, "the service closed the connection (wrong token?)");
        }
        String service = status.string("service").orElse("service");
        String useSession = session;
        if (fresh) {
            useSession = connection.call("clone", Plist.builder()).string(Wire.NEW_SESSION).orElse(session);
        }
        Files.createDirectories(historyDir);
        return new Repl(terminal, connection, service, useSession, historyDir.resolve(service), editor).run();
    }
}
