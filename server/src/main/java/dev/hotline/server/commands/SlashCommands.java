package dev.hotline.server.commands;

import dev.hotline.server.eval.SnippetInfo;
import dev.hotline.server.exchange.RoleTable;
import dev.hotline.server.image.Inspection;
import dev.hotline.server.image.ThreadTop;
import dev.hotline.server.reload.Reloader;
import dev.hotline.server.trace.TraceOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slash commands, in the order {@code /help} lists them. Line mode runs them directly; the REPL runs them
 * through the native {@code command} op, so both offer the same commands with the same output.
 */
public final class SlashCommands {
    private static final SlashCommands STANDARD = build();
    /** The commands that run or change code, which the audit log records. */
    private static final Set<String> AUDITED = Set.of("reload", "snapshot", "shutdown", "trace", "log", "capture");
    private static final Pattern THREADS_TOP =
            Pattern.compile("--top(?:\\s+--seconds\\s+([1-9]|[1-5][0-9]|60))?(?:\\s+--count\\s+([1-9][0-9]{0,3}))?");

    private final Map<String, SlashCommand> commands = new LinkedHashMap<>();

    private SlashCommands() {
    }

    public static SlashCommands standard() {
        return STANDARD;
    }

    private static SlashCommands build() {
        SlashCommands c = new SlashCommands();
        c.add("help", "", "lists these commands", (ctx, args) -> ctx.write(c.help()));
        c.add("status", "", "reports the service: pid, uptime, Java, heap, threads, sessions", SlashCommands::status);
        c.add("vars", "", "lists the session's variables and their values", listing("variable"));
        c.add("methods", "", "lists the session's methods", listing("method"));
        c.add("types", "", "lists the session's classes, interfaces, enums and records", listing("class"));
        c.add("imports", "", "lists the session's imports", listing("import"));
        c.add("list", "", "lists every live snippet of the session with its id and source", SlashCommands::list);
        c.add("drop", "NAME|ID", "drops a declaration by name or snippet id", SlashCommands::drop);
        c.add("recycle", "", "moves the session to a fresh JShell with the same declarations, freeing the memory"
                + " JShell keeps for every snippet", (ctx, args) -> {
                    ctx.session().recycle();
                    ctx.write("| session " + ctx.session().name() + " is being recycled: its declarations are replayed"
                            + " into a fresh JShell before the next input runs\n");
                });
        c.add("reset", "", "empties the session: every declaration is dropped", (ctx, args) -> {
            ctx.session().reset();
            ctx.write("| session " + ctx.session().name() + " reset: all declarations dropped\n");
        });
        c.add("reload", "PATH...", "redefines classes from .class files, directories, jars or .java sources",
                SlashCommands::reload);
        c.add("trace", TraceCommands.TRACE_USAGE, "traces a method's calls (arguments, value, time) until --count"
                + " calls (default " + TraceOptions.DEFAULT_COUNT + ") or --seconds; alone, lists the traces",
                TraceCommands::trace);
        c.add("untrace", "[N]", "ends your trace N, or all of yours", TraceCommands::untrace);
        c.add("log", ProbeCommands.LOG_USAGE, "prints MESSAGE, its {expression} parts filled from the line's locals,"
                + " each time a thread reaches PLACE (CLASS:LINE or FILE.java:LINE), without stopping it",
                ProbeCommands::log);
        c.add("capture", ProbeCommands.CAPTURE_USAGE, "shows the locals, this and the stack the first time a thread"
                + " reaches PLACE, without stopping it", ProbeCommands::capture);
        c.add("catch", ProbeCommands.CATCH_USAGE, "shows the locals at the line an exception first leaves"
                + " CLASS::METHOD from, with its arguments and the exception", ProbeCommands::catchThrown);
        c.add("probes", "", "lists every probe in the service: state, hits, cost", ProbeCommands::probes);
        c.add("unprobe", "[N]", "ends probe N (whoever set it), or all of yours", ProbeCommands::unprobe);
        c.add("threads", "[--top [--seconds S] [--count N]]", "dumps every thread with its state and stack, like"
                + " jstack; with --top, the threads that used the most CPU over S seconds (default 1)",
                SlashCommands::threads);
        c.add("snapshot", "", "writes the image: sessions' declarations and hot-reloaded classes", (ctx, args) -> {
            snapshot(ctx);
        });
        c.add("shutdown", "[--snapshot]", "shuts the service down (System.exit(0); shutdown hooks run), saving the image"
                + " first with --snapshot", (ctx, args) -> {
                    if (args.equals("--snapshot") && !snapshot(ctx)) {
                        return;
                    }
                    ctx.write("| shutting down " + ctx.server().options().name() + "\n");
                    ctx.afterOutput(ctx.server()::shutdown);
                });
        c.add("quit", "", "closes this connection (the service keeps running)", (ctx, args) -> ctx.close());
        return c;
    }

    private void add(String name, String usage, String doc, SlashCommand.Action action) {
        commands.put(name, new SlashCommand(name, usage, doc, action));
    }

    public Optional<SlashCommand> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public Collection<SlashCommand> all() {
        return commands.values();
    }

    /**
     * Runs {@code line} ({@code /name args}), or writes an error naming an unknown command.
     *
     * @return false when there is no such command
     */
    public boolean run(String line, CommandContext context) {
        String[] parts = line.strip().substring(1).split("\\s+", 2);
        Optional<SlashCommand> command = find(nameOf(line));
        if (command.isEmpty()) {
            context.write("error: " + unknown(parts[0]) + "\n");
            return false;
        }
        String arguments = parts.length > 1 ? parts[1].strip() : "";
        boolean unsafe = Arrays.asList(arguments.split("\\s+")).contains("--unsafe");
        if (!context.exchange().permits("/" + command.get().name(),
                RoleTable.slashCommand(command.get().name(), unsafe))) {
            return true;
        }
        if (AUDITED.contains(command.get().name())) {
            context.exchange().audit(command.get().name(), context.session().name(), line.strip(), "ran", List.of());
        }
        command.get().action().run(context, arguments);
        return true;
    }

    /** The command a line names: {@code vars} for {@code /vars}, {@code drop} for {@code /drop twice}. */
    public static String nameOf(String line) {
        return line.strip().substring(1).split("\\s+", 2)[0];
    }

    /** What to say about a command that does not exist. */
    public static String unknown(String name) {
        return "unknown command /" + name + "; /help lists the commands";
    }

    String help() {
        StringBuilder sb = new StringBuilder("Type Java; a snippet runs once it is complete. Commands:\n");
        commands.values().forEach(c -> sb.append(String.format("  /%-14s %s%n",
                c.usage().isEmpty() ? c.name() : c.name() + " " + c.usage(), c.doc())));
        return sb.toString();
    }

    private static void threads(CommandContext ctx, String args) {
        if (args.isEmpty()) {
            ctx.write(Inspection.threadDump());
            return;
        }
        Matcher top = THREADS_TOP.matcher(args);
        if (!top.matches()) {
            ctx.write("error: usage: /threads [--top [--seconds S] [--count N]]\n");
            return;
        }
        Duration interval = Duration.ofSeconds(top.group(1) == null ? ThreadTop.DEFAULT_SECONDS
                : Long.parseLong(top.group(1)));
        int count = top.group(2) == null ? ThreadTop.DEFAULT_COUNT : Integer.parseInt(top.group(2));
        try {
            ctx.write(ThreadTop.toText(ThreadTop.measure(interval, count), interval));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.write("error: interrupted while measuring\n");
        } catch (UnsupportedOperationException e) {
            ctx.write("error: " + e.getMessage() + "\n");
        }
    }

    private static void status(CommandContext ctx, String args) {
        ctx.write(ctx.server().status().toText());
        ctx.write("your role: " + ctx.exchange().grant().role().word() + " (" + ctx.exchange().grant().credential()
                + ")\n");
        List<String> abandoned = ctx.session().abandonedThreads();
        if (!abandoned.isEmpty()) {
            ctx.write("threads left running by interrupts that could not stop them:\n  "
                    + String.join("\n  ", abandoned) + "\n");
        }
    }

    private static SlashCommand.Action listing(String kind) {
        return (ctx, args) -> {
            List<SnippetInfo> items = ctx.evaluation().contents().stream().filter(i -> i.kind().equals(kind)).toList();
            if (items.isEmpty()) {
                ctx.write("| no " + (kind.equals("class") ? "classe" : kind) + "s in session " + ctx.session().name() + "\n");
            }
            items.forEach(i -> ctx.write("|   " + i.summary() + "\n"));
        };
    }

    private static void list(CommandContext ctx, String args) {
        for (SnippetInfo i : ctx.evaluation().contents()) {
            String source = i.source().strip().replace("\n", "\n       ");
            ctx.write(String.format("%5s : %s%n", i.id(), source));
        }
    }

    /** Writes the image from a command, which runs on its own session's worker (see {@code Snapshots}). */
    private static boolean snapshot(CommandContext ctx) {
        try {
            ctx.write(ctx.server().snapshots().snapshot(ctx.session(), ctx.evaluation()).toText());
            return true;
        } catch (IOException e) {
            ctx.write("error: snapshot failed, the previous image is intact: " + e.getMessage() + "\n");
            return false;
        }
    }

    private static void reload(CommandContext ctx, String args) {
        if (args.isEmpty()) {
            ctx.write("error: /reload needs one or more paths (class files, directories, jars, .java sources)\n");
            return;
        }
        try {
            List<Path> paths = Arrays.stream(args.split("\\s+"))
                    .map(p -> Path.of(p).toAbsolutePath()).toList();
            ctx.write(ctx.server().reloader().submit(paths, null).join().toText());
        } catch (CompletionException e) {
            ctx.write("error: cannot reload: " + Reloader.failureMessage(e) + "\n");
        }
    }

    private static void drop(CommandContext ctx, String args) {
        if (args.isEmpty()) {
            ctx.write("error: /drop needs a name or a snippet id (see /list)\n");
            return;
        }
        List<SnippetInfo> dropped = ctx.evaluation().drop(args);
        if (dropped.isEmpty()) {
            ctx.write("error: no live declaration named or numbered " + args + " (see /list)\n");
        }
        dropped.forEach(i -> ctx.write("| dropped " + i.kind() + " " + i.summary() + "\n"));
    }
}
