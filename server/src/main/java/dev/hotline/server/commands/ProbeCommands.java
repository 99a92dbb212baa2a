package dev.hotline.server.commands;

import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.ProbeStatus;
import dev.hotline.server.probe.LineProbe;
import dev.hotline.server.probe.LineProbes;
import dev.hotline.server.probe.ProbeListener;
import dev.hotline.server.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code /log}, {@code /capture}, {@code /catch}, {@code /probes} and {@code /unprobe}: a probe set from line mode
 * or the REPL
 * belongs to the connection that typed it, and its hits arrive there as text, between answers, until it ends.
 */
final class ProbeCommands {
    static final String LOG_USAGE = "PLACE MESSAGE [--where EXPR] [--count N] [--seconds S] [--unsafe]";
    static final String CAPTURE_USAGE = "PLACE [--where EXPR] [--show EXPR]... [--count N] [--seconds S] [--unsafe]";
    static final String CATCH_USAGE = "CLASS::METHOD [EXCEPTION] [--where EXPR] [--show EXPR]... [--count N]"
            + " [--seconds S] [--unsafe]";
    private static final Pattern OPTION = Pattern.compile("\\s+(?=--(?:where|show|count|seconds|unsafe)\\b)");

    private ProbeCommands() {
    }

    /** {@code /log PLACE MESSAGE [options]} sets a logpoint. */
    static void log(CommandContext ctx, String args) {
        String usage = "/log " + LOG_USAGE;
        String[] parts = OPTION.split(args);
        String[] placeAndMessage = parts[0].strip().split("\\s+", 2);
        if (placeAndMessage.length != 2) {
            ctx.write("error: usage: " + usage + "\n");
            return;
        }
        LaterOutput later = ctx.later();
        options(ctx, usage, Optional.of(unquoted(placeAndMessage[1])), parts).ifPresent(options ->
                started(later, ctx.server().probes().start(placeAndMessage[0], options, ctx.client(),
                        new TextReplies(later))));
    }

    /** {@code /capture PLACE [options]} captures the locals at a line. */
    static void capture(CommandContext ctx, String args) {
        String usage = "/capture " + CAPTURE_USAGE;
        String[] parts = OPTION.split(args);
        String[] place = parts[0].strip().split("\\s+");
        if (place[0].isEmpty() || place.length != 1) {
            ctx.write("error: usage: " + usage + "\n");
            return;
        }
        LaterOutput later = ctx.later();
        options(ctx, usage, Optional.empty(), parts).ifPresent(options -> started(later,
                ctx.server().probes().start(place[0], options, ctx.client(), new TextReplies(later))));
    }

    /** {@code /catch CLASS::METHOD [EXCEPTION] [options]} captures the locals where an exception leaves a method. */
    static void catchThrown(CommandContext ctx, String args) {
        String usage = "/catch " + CATCH_USAGE;
        String[] parts = OPTION.split(args);
        String[] methodAndException = parts[0].strip().split("\\s+");
        if (methodAndException[0].isEmpty() || methodAndException.length > 2) {
            ctx.write("error: usage: " + usage + "\n");
            return;
        }
        Optional<String> exception = methodAndException.length == 2 ? Optional.of(methodAndException[1])
                : Optional.empty();
        LaterOutput later = ctx.later();
        options(ctx, usage, Optional.empty(), parts).ifPresent(options -> started(later,
                ctx.server().probes().startCatch(methodAndException[0], exception, options, ctx.client(),
                        new TextReplies(later))));
    }

    /** The options after the first of {@code parts}, or empty when one is wrong (and the client has been told). */
    private static Optional<ProbeOptions> options(CommandContext ctx, String usage, Optional<String> message,
            String[] parts) {
        Optional<String> where = Optional.empty();
        List<String> show = new ArrayList<>();
        boolean unsafe = false;
        long count = message.isPresent() ? ProbeOptions.DEFAULT_LOG_COUNT : ProbeOptions.DEFAULT_CAPTURE_COUNT;
        long seconds = ProbeOptions.DEFAULT_SECONDS;
        try {
            for (int i = 1; i < parts.length; i++) {
                String[] option = parts[i].split("\\s+", 2);
                String value = option.length > 1 ? option[1].strip() : "";
                switch (option[0]) {
                    case "--where" -> where = Optional.of(value);
                    case "--show" -> show.add(value);
                    case "--unsafe" -> unsafe = true;
                    case "--count" -> count = Long.parseLong(value);
                    default -> seconds = Long.parseLong(value);
                }
            }
            return Optional.of(new ProbeOptions(message, where, show, count, seconds, unsafe));
        } catch (IllegalArgumentException e) {
            ctx.write("error: " + (e instanceof NumberFormatException ? "--count and --seconds take a whole number"
                    : e.getMessage()) + "; usage: " + usage + "\n");
            return Optional.empty();
        }
    }

    /** Tells the client, between answers, that the probe is on or why it is not. */
    private static void started(LaterOutput later, CompletableFuture<LineProbe> starting) {
        starting.whenComplete((probe, failure) -> {
            if (failure != null) {
                later.write("error: " + LineProbes.failureMessage(failure) + "\n");
            } else {
                later.write("| probe " + probe.number() + ": " + probe.description() + "; its hits show here"
                        + " as they happen; /unprobe " + probe.number() + " ends it\n");
            }
            later.flush();
        });
    }

    /** {@code /probes} lists every probe in the service (traces too), whoever set it. */
    static void probes(CommandContext ctx, String args) {
        List<ProbeStatus> all = ctx.server().probeStatuses().join();
        if (all.isEmpty()) {
            ctx.write("| no probes are on; /log PLACE MESSAGE, /capture PLACE or /catch CLASS::METHOD sets one\n");
            return;
        }
        ctx.write("| " + ProbeStatus.HEADER + "\n");
        all.forEach(p -> ctx.write("| " + p.toText() + "\n"));
    }

    /** {@code /unprobe N} ends probe N (a trace too), whoever set it; {@code /unprobe} all of this client's. */
    static void unprobe(CommandContext ctx, String args) {
        Optional<Integer> number;
        try {
            number = args.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(args));
        } catch (NumberFormatException e) {
            ctx.write("error: /unprobe takes a probe's number, or nothing for all of yours; see /probes\n");
            return;
        }
        List<Integer> ended = ctx.server().endProbes(ctx.client(), number).join();
        if (ended.isEmpty() && number.isPresent()) {
            ctx.write("| no probe " + number.get() + " is on; /probes lists them\n");
        }
    }

    /** A message typed in quotes, as on a shell's command line, loses them. */
    private static String unquoted(String text) {
        String t = text.strip();
        boolean quoted = t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""));
        return quoted ? t.substring(1, t.length() - 1) : t;
    }

    /** A probe's reports as lines of text on the connection that set it. */
    private static final class TextReplies extends LaterReplies implements ProbeListener {
        TextReplies(LaterOutput later) {
            super(later, "probe", "hits");
        }

        @Override
        public void started(LineProbe probe) {
            number = probe.number();
        }

        @Override
        public void hit(ProbeHit hit) {
            line(hit.toText());
        }

        @Override
        public void ended(String reason, long shown, long dropped) {
            endedWith(ProbeHit.ending(reason, shown, dropped));
        }
    }
}
