package dev.hotline.server.commands;

import dev.hotline.protocol.TraceCall;
import dev.hotline.server.trace.Trace;
import dev.hotline.server.trace.TraceListener;
import dev.hotline.server.trace.TraceOptions;
import dev.hotline.server.trace.TraceSummary;
import dev.hotline.server.trace.Tracer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * {@code /trace} and {@code /untrace}: a trace started from line mode or the REPL belongs to the connection that
 * typed it, and its calls arrive there as text, between answers, until it ends.
 */
final class TraceCommands {
    static final String TRACE_USAGE = "[CLASS::METHOD [--where EXPR] [--show EXPR] [--stack] [--count N] [--seconds S] [--unsafe]]";
    private static final Pattern OPTION = Pattern.compile("\\s+(?=--(?:where|show|stack|count|seconds|unsafe)\\b)");

    private TraceCommands() {
    }

    /** {@code /trace SPEC [options]} starts a trace; {@code /trace} alone lists the running ones. */
    static void trace(CommandContext ctx, String args) {
        Tracer tracer = ctx.server().tracer();
        if (args.isEmpty()) {
            List<Trace> running = tracer.running().join();
            if (running.isEmpty()) {
                ctx.write("| no traces are running; /trace CLASS::METHOD starts one\n");
            }
            running.forEach(t -> ctx.write("|   trace " + t.number() + ": " + t.description() + "\n"));
            return;
        }
        String[] parts = OPTION.split(args);
        Optional<String> where = Optional.empty();
        Optional<String> show = Optional.empty();
        boolean stack = false;
        boolean unsafe = false;
        long count = TraceOptions.DEFAULT_COUNT;
        long seconds = 0;
        TraceOptions options;
        try {
            for (int i = 1; i < parts.length; i++) {
                String[] option = parts[i].split("\\s+", 2);
                String value = option.length > 1 ? option[1].strip() : "";
                switch (option[0]) {
                    case "--where" -> where = Optional.of(value);
                    case "--show" -> show = Optional.of(value);
                    case "--stack" -> stack = true;
                    case "--unsafe" -> unsafe = true;
                    case "--count" -> count = Long.parseLong(value);
                    default -> seconds = Long.parseLong(value);
                }
            }
            options = TraceOptions.trace(where, show, stack, count, seconds, unsafe);
        } catch (IllegalArgumentException e) {
            ctx.write("error: " + (e instanceof NumberFormatException ? "--count and --seconds take a whole number"
                    : e.getMessage()) + "; usage: /trace " + TRACE_USAGE + "\n");
            return;
        }
        LaterOutput later = ctx.later();
        try {
            Trace trace = tracer.start(parts[0], options, ctx.client(), new TextReplies(later)).join();
            ctx.write("| trace " + trace.number() + ": " + trace.description() + "; its calls show here as they"
                    + " happen; /untrace " + trace.number() + " ends it\n");
        } catch (CompletionException e) {
            ctx.write("error: " + Tracer.failureMessage(e) + "\n");
        }
    }

    /** A trace's calls as lines of text on the connection that started it. */
    private static final class TextReplies extends LaterReplies implements TraceListener {
        TextReplies(LaterOutput later) {
            super(later, "trace", "calls");
        }

        @Override
        public void started(Trace trace) {
            number = trace.number();
        }

        @Override
        public void call(TraceCall call) {
            line(call.toText());
        }

        @Override
        public void note(String text) {
            line(text); // flushed with the calls
        }

        @Override
        public void ended(TraceSummary summary) {
            endedWith(TraceCall.ending(summary.reason(), summary.shown(), summary.dropped()));
        }
    }

    /** {@code /untrace N} ends one of this client's traces; {@code /untrace} all of them. */
    static void untrace(CommandContext ctx, String args) {
        Optional<Integer> number;
        try {
            number = args.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(args));
        } catch (NumberFormatException e) {
            ctx.write("error: /untrace takes a trace's number, or nothing for all of yours; see /trace\n");
            return;
        }
        List<Trace> ended = ctx.server().tracer().end(ctx.client(), number).join();
        if (ended.isEmpty()) {
            ctx.write("| " + number.map(n -> "no trace " + n + " of yours is running")
                    .orElse("you have no traces running") + "\n");
        }
    }
}
