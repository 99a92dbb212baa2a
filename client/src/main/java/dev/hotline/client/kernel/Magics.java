package dev.hotline.client.kernel;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.ServiceLink;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.FlameGraph;
import dev.hotline.protocol.CallSummary;
import dev.hotline.protocol.Html;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.ProbeStatus;
import dev.hotline.protocol.SessionNames;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.TraceCall;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Cells that are not Java: a first line starting with {@code %} names a Hotline command, and its result shows as a
 * table (or a flame graph) with its text beside it. A magic that goes on ({@code %trace}, {@code %monitor},
 * {@code %capture}) streams a line per event while it runs and ends by its count or seconds, or when the notebook
 * interrupts the cell.
 */
final class Magics {
    static final String HELP = """
            %session NAME                     run the next cells in session NAME (created on first use)
            %threads [--seconds S]            the busiest threads over S seconds (default 1)
            %trace CLASS::METHOD [--count N] [--seconds S]   calls as they happen (default 10 calls, 60 s)
            %monitor CLASS::METHOD [--every S] [--seconds S] call counts and latency percentiles (default 5 s, 30 s)
            %capture CLASS:LINE [--seconds S]  the locals at a line the next time it runs (default 60 s)
            %probes                           every probe, trace and monitor on the service
            %reload FILE...                   hot-reloads .class, .java, .jar files or directories
            %profile [--seconds S] [--kind cpu|alloc|locks]   a flame graph (default 10 s of cpu)
            """;

    private final ServiceLine line;
    /** Ends the magic that is running, for an interrupt; does nothing when none is. */
    private volatile Runnable stop = () -> { };

    Magics(ServiceLine line) {
        this.line = line;
    }

    /** Whether a cell is a magic: its first non-blank character is {@code %}. */
    static boolean isMagic(String code) {
        return code.strip().startsWith("%");
    }

    /** Ends a running {@code %trace}, {@code %monitor} or {@code %capture}, as an interrupt asks. */
    void interrupt() {
        stop.run();
    }

    void run(String cell, CellOutput out) throws CellFailure, IOException, CliException {
        String first = cell.lines().findFirst().orElse("").substring(1);
        String name = first.split("\\s+", 2)[0];
        MagicArguments args = new MagicArguments(first.substring(name.length()));
        switch (name) {
            case "session" -> session(args.first("%session NAME"), out);
            case "threads" -> threads(args, out);
            case "trace" -> trace(args, out);
            case "monitor" -> monitor(args, out);
            case "capture" -> capture(args, out);
            case "probes" -> probes(out);
            case "reload" -> reload(args, out);
            case "profile" -> profile(args, out);
            case "help", "lsmagic" -> out.show(Map.of("text/plain", HELP));
            default -> throw new CellFailure("UnknownMagic", "no magic %" + name, List.of(
                    "no magic %" + name + "; these are Hotline's:", HELP));
        }
    }

    private void session(String name, CellOutput out) throws CellFailure {
        if (!SessionNames.isChoosable(name)) {
            throw new CellFailure("UsageError", SessionNames.invalid(name), List.of(SessionNames.invalid(name)));
        }
        line.session(name);
        out.stream("stdout", "cells now run in session " + name + "\n");
    }

    private void threads(MagicArguments args, CellOutput out) throws CellFailure, IOException, CliException {
        Answer answer = checked(line.call("threads", Plist.builder().put("top", Sexp.T)
                .put("seconds", args.number("seconds", 1)).put("count", 20)));
        List<List<String>> rows = new ArrayList<>();
        for (Plist t : answer.last().plists("threads")) {
            List<String> frames = t.strings("frames");
            rows.add(List.of(t.string("name").orElse(""), t.string("state").orElse(""),
                    t.string("cpu-percent").orElse(""), frames.isEmpty() ? "" : frames.get(0)));
        }
        show(out, answer.last().string("report").orElse(""),
                Html.table(List.of("thread", "state", "cpu %", "top frame"), rows, rows.size()));
    }

    private void trace(MagicArguments args, CellOutput out) throws CellFailure, IOException, CliException {
        String spec = args.first("%trace CLASS::METHOD [--count N] [--seconds S]");
        List<List<String>> rows = new ArrayList<>();
        Answer answer = streamed("trace", Plist.builder().put("spec", spec).put("count", args.number("count", 10))
                .put("seconds", args.number("seconds", 60)), out, reply -> reply.get("call").ifPresent(c -> {
                    TraceCall call = TraceCall.from(ServiceLink.plist(c));
                    out.stream("stdout", call.toText() + "\n");
                    rows.add(List.of(call.thread(), call.className() + "." + call.method(),
                            String.join(", ", call.args()), call.thrown().map(t -> "threw " + t)
                                    .or(call::shown).or(call::value).orElse(""), String.valueOf(call.nanos() / 1000)));
                }));
        show(out, rows.size() + " call(s); " + answer.last().string("reason").orElse("ended"),
                Html.table(List.of("thread", "method", "arguments", "result", "µs"), rows, rows.size()));
    }

    private void monitor(MagicArguments args, CellOutput out) throws CellFailure, IOException, CliException {
        String spec = args.first("%monitor CLASS::METHOD [--every S] [--seconds S]");
        List<List<String>> rows = new ArrayList<>();
        streamed("monitor", Plist.builder().put("spec", spec).put("every", args.number("every", 5))
                .put("seconds", args.number("seconds", 30)), out, reply -> reply.get("interval").ifPresent(i -> {
                    CallSummary s = CallSummary.from(ServiceLink.plist(i));
                    out.stream("stdout", s.toText() + "\n");
                    rows.add(List.of(String.valueOf(s.calls()), String.valueOf(s.failures()), micros(s.p50()),
                            micros(s.p95()), micros(s.p99()), micros(s.max())));
                }));
        show(out, rows.size() + " interval(s) of " + spec, Html.table(
                List.of("calls", "failures", "p50 µs", "p95 µs", "p99 µs", "max µs"), rows, rows.size()));
    }

    private void capture(MagicArguments args, CellOutput out) throws CellFailure, IOException, CliException {
        String place = args.first("%capture CLASS:LINE [--seconds S]");
        List<ProbeHit> hits = new ArrayList<>();
        Answer answer = streamed("probe", Plist.builder().put("place", place).put("count", 1)
                .put("seconds", args.number("seconds", 60)), out, reply -> {
                    reply.string("note").ifPresent(note -> out.stream("stderr", note + "\n"));
                    reply.get("hit").ifPresent(h -> hits.add(ProbeHit.from(ServiceLink.plist(h))));
                });
        if (hits.isEmpty()) {
            out.stream("stdout", place + " did not run: " + answer.last().string("reason").orElse("ended") + "\n");
            return;
        }
        ProbeHit hit = hits.get(0);
        List<List<String>> rows = new ArrayList<>();
        hit.locals().forEach(local -> rows.add(List.of(local.getKey(), local.getValue())));
        hit.self().ifPresent(self -> rows.add(List.of("this", self)));
        show(out, hit.toText(), "<p>" + Html.escape(hit.place() + " on " + hit.thread()) + "</p>\n"
                + Html.table(List.of("local", "value"), rows, rows.size()));
    }

    private void probes(CellOutput out) throws CellFailure, IOException, CliException {
        Answer answer = checked(line.call("probes", Plist.builder()));
        List<List<String>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(ProbeStatus.HEADER).append('\n');
        for (Plist item : answer.last().plists("probes")) {
            ProbeStatus p = ProbeStatus.from(item);
            text.append(p.toText()).append('\n');
            rows.add(List.of(String.valueOf(p.number()), p.state(), String.valueOf(p.hits()),
                    String.valueOf(p.dropped()), String.format(Locale.ROOT, "%.1f", p.cpuMillis()),
                    p.description()));
        }
        show(out, rows.isEmpty() ? "no probes" : text.toString(), Html.table(
                List.of("#", "state", "hits", "dropped", "cpu ms", "probe"), rows, rows.size()));
    }

    private void reload(MagicArguments args, CellOutput out) throws CellFailure, IOException, CliException {
        args.first("%reload FILE...");
        List<Sexp> paths = args.words().stream().map(w -> (Sexp) Sexp.str(Path.of(w).toAbsolutePath().toString()))
                .toList();
        Answer answer = line.call("reload", Plist.builder().put("paths", Sexp.list(paths)));
        List<List<String>> rows = new ArrayList<>();
        for (Plist c : answer.last().plists("classes")) {
            rows.add(List.of(c.string("class").orElse(""), c.string("outcome").orElse(""),
                    String.join(" ", c.strings("loaders")), c.string("detail").orElse("")));
        }
        String report = answer.replies().stream().map(r -> r.string("report").orElse("")).reduce("", String::concat);
        if (answer.failed() && rows.isEmpty()) {
            throw CellRun.failure(answer.last());
        }
        show(out, report, Html.table(List.of("class", "outcome", "loaders", "detail"), rows, rows.size()));
    }

    private void profile(MagicArguments args, CellOutput out) throws CellFailure, IOException, CliException {
        long seconds = args.number("seconds", 10);
        String kind = args.option("kind") == null ? "cpu" : args.option("kind");
        out.stream("stdout", "recording " + kind + " for " + seconds + " s...\n");
        Answer answer = streamed("profile", Plist.builder().put("seconds", seconds).put("kind", kind), out, r -> { });
        Plist last = answer.last();
        List<Map.Entry<String, Long>> folded = FlameGraph.folded(last.strings("folded"));
        String unit = last.string("unit").orElse("samples");
        String page = FlameGraph.html("Hotline profile: " + kind + ", " + seconds + " s", folded, unit);
        show(out, last.integer("total").orElse(0L) + " " + unit + " in " + folded.size() + " stacks",
                "<iframe style=\"width:100%;height:480px;border:0\" srcdoc=\"" + Html.escape(page) + "\"></iframe>");
    }

    /** Runs a request that goes on, giving each reply to {@code each}, until it ends or the cell is interrupted. */
    private Answer streamed(String op, Plist.Builder arguments, CellOutput out, Consumer<Plist> each)
            throws CellFailure, IOException, CliException {
        ServiceLink link = line.link();
        AtomicLong number = new AtomicLong(-1); // the probe's, once the service has said it
        stop = () -> {
            if (number.get() >= 0) {
                link.call("unprobe", Plist.builder().put("probe", number.get()));
            }
        };
        try {
            return checked(ServiceLine.await(link.call(op, arguments.put(Wire.SESSION, line.session()), reply -> {
                reply.integer("trace").or(() -> reply.integer("probe")).ifPresent(number::set);
                reply.string("tracing").or(() -> reply.string("monitoring")).or(() -> reply.string("probing"))
                        .ifPresent(what -> out.stream("stdout", what + " (interrupt the cell to end it)\n"));
                each.accept(reply);
            }), 0));
        } finally {
            stop = () -> { };
        }
    }

    private static Answer checked(Answer answer) throws CellFailure {
        if (answer.failed()) {
            throw CellRun.failure(answer.last());
        }
        return answer;
    }

    private static void show(CellOutput out, String text, String html) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text);
        bundle.put("text/html", html);
        out.show(bundle);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
