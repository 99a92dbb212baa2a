package dev.hotline.client.dap;

import dev.hotline.client.connection.ServiceLink;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.BreakpointNotVerifiedReason;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

/**
 * Breakpoints as Hotline's probes, which never stop the service: one with a {@code logMessage} is a logpoint whose
 * lines go to the Debug Console; any other takes a snapshot of the locals, shown as a stopped thread of its own
 * ({@link Snapshots}); the exception filter catches exceptions leaving a method. A condition is the probe's
 * {@code --where}, a hit count its count. Each breakpoint's probe streams on the adapter's connection, so the
 * service ends them all when the adapter goes.
 */
final class Breakpoints {
    /** The exception filter's id. */
    static final String LEAVING = "leaving";
    /** How long a probe set from the IDE lasts at most: a working week. */
    private static final long SECONDS = TimeUnit.DAYS.toSeconds(7);
    /** Hits a logpoint prints before it ends, unless its hit count says. */
    private static final long LOG_COUNT = 100_000;
    /** Exceptions an exception breakpoint shows before it ends. */
    private static final long CATCH_COUNT = 10;

    private final Adapter adapter;
    private final AtomicInteger ids = new AtomicInteger(1);
    private final Map<String, List<Probe>> bySource = new ConcurrentHashMap<>();
    private volatile List<Probe> exceptions = List.of();

    Breakpoints(Adapter adapter) {
        this.adapter = adapter;
    }

    /** The filter the IDE offers beside its breakpoints. */
    static ExceptionBreakpointsFilter exceptionFilter() {
        ExceptionBreakpointsFilter filter = new ExceptionBreakpointsFilter();
        filter.setFilter(LEAVING);
        filter.setLabel("Exceptions leaving a method");
        filter.setDescription("A snapshot of the locals where an exception leaves the method the condition names (the"
                + " first " + CATCH_COUNT + "); the service runs on");
        filter.setSupportsCondition(true);
        filter.setConditionDescription("CLASS::METHOD and, optionally, the exception class: com.acme.Pricing::quote"
                + " IllegalStateException");
        return filter;
    }

    CompletableFuture<SetBreakpointsResponse> set(SetBreakpointsArguments args) {
        Source source = args.getSource();
        String key = source.getPath() != null ? source.getPath() : String.valueOf(source.getName());
        List<Probe> next = new ArrayList<>();
        for (SourceBreakpoint wanted : args.getBreakpoints() == null ? new SourceBreakpoint[0] : args.getBreakpoints()) {
            next.add(startLine(source, wanted));
        }
        List<Probe> old = bySource.put(key, next);
        if (old != null) {
            old.forEach(Probe::remove);
        }
        return answers(next).thenApply(breakpoints -> {
            SetBreakpointsResponse response = new SetBreakpointsResponse();
            response.setBreakpoints(breakpoints);
            return response;
        });
    }

    CompletableFuture<SetExceptionBreakpointsResponse> setExceptions(SetExceptionBreakpointsArguments args) {
        List<Probe> next = new ArrayList<>();
        List<ExceptionFilterOptions> options = new ArrayList<>(List.of(args.getFilterOptions() == null
                ? new ExceptionFilterOptions[0] : args.getFilterOptions()));
        for (String filter : args.getFilters() == null ? new String[0] : args.getFilters()) {
            ExceptionFilterOptions plain = new ExceptionFilterOptions();
            plain.setFilterId(filter);
            options.add(plain);
        }
        for (ExceptionFilterOptions option : options) {
            next.add(startCatch(option));
        }
        List<Probe> old = exceptions;
        exceptions = next;
        old.forEach(Probe::remove);
        return answers(next).thenApply(breakpoints -> {
            SetExceptionBreakpointsResponse response = new SetExceptionBreakpointsResponse();
            response.setBreakpoints(breakpoints);
            return response;
        });
    }

    private CompletableFuture<Breakpoint[]> answers(List<Probe> probes) {
        return CompletableFuture.allOf(probes.stream().map(p -> p.first).toArray(CompletableFuture[]::new))
                .thenApply(done -> probes.stream().map(p -> p.first.join()).toArray(Breakpoint[]::new));
    }

    private Probe startLine(Source source, SourceBreakpoint wanted) {
        boolean logpoint = wanted.getLogMessage() != null && !wanted.getLogMessage().isBlank();
        Probe probe = new Probe(source, wanted.getLine(), logpoint ? "logpoint" : "snapshot");
        Plist.Builder request = Plist.builder().put("seconds", SECONDS);
        if (source.getPath() == null) {
            return probe.refused("Hotline probes files: this source has no path");
        }
        request.put("place", SourceMap.place(Path.of(source.getPath()), wanted.getLine()));
        if (logpoint) {
            request.put("message", wanted.getLogMessage());
        }
        if (wanted.getCondition() != null && !wanted.getCondition().isBlank()) {
            request.put("where", wanted.getCondition());
        }
        try {
            request.put("count", wanted.getHitCondition() == null || wanted.getHitCondition().isBlank()
                    ? (logpoint ? LOG_COUNT : 1) : Long.parseLong(wanted.getHitCondition().strip()));
        } catch (NumberFormatException e) {
            return probe.refused("a hit count is a whole number, the hits the probe takes before it ends; got "
                    + wanted.getHitCondition());
        }
        return probe.start("probe", request);
    }

    private Probe startCatch(ExceptionFilterOptions option) {
        Probe probe = new Probe(null, 0, "exception breakpoint");
        if (!LEAVING.equals(option.getFilterId())) {
            return probe.refused("no exception filter " + option.getFilterId() + " here: Hotline offers " + LEAVING);
        }
        String[] words = option.getCondition() == null ? new String[0] : option.getCondition().strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || !words[0].contains("::") || words.length > 2) {
            return probe.refused("say which method, as the filter's condition: CLASS::METHOD [EXCEPTION], such as"
                    + " com.acme.Pricing::quote IllegalStateException");
        }
        Plist.Builder request = Plist.builder().put("method", words[0]).put("count", CATCH_COUNT)
                .put("seconds", SECONDS);
        if (words.length == 2) {
            request.put("exception", words[1]);
        }
        return probe.start("catch", request);
    }

    /** One breakpoint, and the probe that stands for it in the service, from its first reply to its last. */
    private final class Probe {
        final int id = ids.getAndIncrement();
        final Source source;
        final String kind;
        final CompletableFuture<Breakpoint> first = new CompletableFuture<>();
        volatile int line;
        volatile long number = -1;
        volatile boolean removed;

        Probe(Source source, int line, String kind) {
            this.source = source;
            this.line = line;
            this.kind = kind;
            first.completeOnTimeout(breakpoint(false, "the service has not answered yet", BreakpointNotVerifiedReason.PENDING),
                    60, TimeUnit.SECONDS);
        }

        Probe start(String op, Plist.Builder request) {
            try {
                adapter.link().stream(op, request, this::reply);
            } catch (IOException e) {
                return refused("cannot reach the service: " + e.getMessage());
            }
            return this;
        }

        Probe refused(String why) {
            first.complete(breakpoint(false, why, BreakpointNotVerifiedReason.FAILED));
            return this;
        }

        /** The IDE no longer has this breakpoint: its probe ends (once on, if it is still pending). */
        void remove() {
            removed = true;
            if (number >= 0) {
                adapter.link().call("unprobe", Plist.builder().put("probe", number));
            }
        }

        private void reply(Plist reply) {
            if (reply.has("pending")) {
                say(breakpoint(false, "pending: " + reply.string("pending").orElse("its class") + " is not loaded"
                        + " yet; the " + kind + " arms when the service loads it", BreakpointNotVerifiedReason.PENDING));
            } else if (reply.has("probing")) {
                number = reply.integer("probe").orElse(-1L);
                if (removed) {
                    remove();
                    return;
                }
                reply.string("place").map(SourceMap::lineOf).filter(l -> l > 0 && source != null).ifPresent(l -> line = l);
                say(breakpoint(true, reply.string("probing").orElse(kind), null));
            } else if (reply.get("hit").orElse(null) instanceof Sexp.Lst hit) {
                if (!removed) {
                    hit(ProbeHit.from(ServiceLink.plist(hit)));
                }
            } else if (reply.has(Wire.STATUS)) {
                ended(reply);
            } else if (!removed && reply.has("note")) {
                String note = reply.string("note").orElse("");
                reply.string("place").map(SourceMap::lineOf).filter(l -> l > 0).ifPresent(l -> {
                    line = l;
                    say(breakpoint(true, note, null));
                });
                adapter.output("console", "breakpoint " + id + " (" + kind + "): " + note + "\n");
            } else if (!removed && reply.has("dropped")) {
                adapter.output("console", "breakpoint " + id + " (" + kind + "): " + reply.integer("dropped").orElse(0L)
                        + " hits not shown: they came faster than they could be sent\n");
            }
        }

        private void hit(ProbeHit hit) {
            if (kind.equals("logpoint")) {
                adapter.output("stdout", hit.message().orElse("") + "\n", source, line);
                return;
            }
            Snapshots.Snapshot snapshot = adapter.snapshots().add(hit);
            StoppedEventArguments stopped = new StoppedEventArguments();
            stopped.setReason(hit.thrown().isPresent() ? "exception" : "snapshot");
            stopped.setThreadId(snapshot.threadId());
            stopped.setAllThreadsStopped(false);
            stopped.setHitBreakpointIds(new Integer[] {id});
            stopped.setDescription(snapshot.name() + " (the service ran on; continue dismisses it)");
            hit.thrown().ifPresent(stopped::setText);
            adapter.client().stopped(stopped);
        }

        private void ended(Plist last) {
            boolean failed = last.keywords(Wire.STATUS).contains(Wire.ERROR);
            if (removed && !failed) {
                return;
            }
            String why = failed ? last.string(Wire.MESSAGE).orElse("refused")
                    : "ended (" + last.string("reason").orElse("?") + ")" + (kind.equals("logpoint") ? ""
                            : ": remove the breakpoint and set it again for more, or give it a hit count");
            say(breakpoint(false, why, BreakpointNotVerifiedReason.FAILED));
            if (!failed) {
                adapter.output("console", "breakpoint " + id + " (" + kind + ") " + why + "\n");
            }
        }

        /** The first word on the breakpoint answers setBreakpoints; later ones are breakpoint events. */
        private void say(Breakpoint breakpoint) {
            if (!first.complete(breakpoint) && !removed) {
                BreakpointEventArguments event = new BreakpointEventArguments();
                event.setReason("changed");
                event.setBreakpoint(breakpoint);
                adapter.client().breakpoint(event);
            }
        }

        private Breakpoint breakpoint(boolean verified, String message, BreakpointNotVerifiedReason reason) {
            Breakpoint breakpoint = new Breakpoint();
            breakpoint.setId(id);
            breakpoint.setVerified(verified);
            breakpoint.setMessage(message);
            breakpoint.setReason(reason);
            if (source != null) {
                breakpoint.setSource(source);
                breakpoint.setLine(line);
            }
            return breakpoint;
        }
    }
}
