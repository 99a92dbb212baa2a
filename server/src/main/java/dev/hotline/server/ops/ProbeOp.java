package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.Wire;
import dev.hotline.server.probe.LineProbe;
import dev.hotline.server.probe.LineProbes;
import dev.hotline.server.probe.ProbeListener;
import dev.hotline.server.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a probe at a source line: a logpoint (with {@code :message}) or a capture of the locals. Its hits arrive
 * as messages on the request, {@code (:id N :hit PLIST)}, until it ends by its count, its time, an
 * {@code unprobe}, or the connection closing.
 */
final class ProbeOp implements Op {
    /** The arguments every probe takes, a logpoint's message aside. */
    static final List<OpDescriptor.Arg> OPTIONS = List.of(
            OpDescriptor.Arg.optional("where", "Java boolean expression over the locals and self"),
            OpDescriptor.Arg.optional("show", "a capture's list of Java expressions to show instead of every local"),
            OpDescriptor.Arg.optional("count", "hits after which the probe ends (default "
                    + ProbeOptions.DEFAULT_LOG_COUNT + " for a logpoint, " + ProbeOptions.DEFAULT_CAPTURE_COUNT
                    + " for a capture)"),
            OpDescriptor.Arg.optional("seconds", "seconds after which the probe ends (default "
                    + ProbeOptions.DEFAULT_SECONDS + ")"),
            OpDescriptor.Arg.optional("unsafe", "t: the expressions may do more than read (audited)"));
    /** What every probe's replies are. */
    static final String REPLIES = "(:pending CLASS) while its class is not loaded; :probing DESCRIPTION :probe NUMBER"
            + " :place CLASS:LINE once on; then (:hit (:thread :time :place :message |"
            + " :locals :self :stack :thrown)) per hit, (:dropped N) when hits were not shown, (:note TEXT), with"
            + " :place when a hot reload moved the line; last :reason TEXT :shown N :dropped N with (:done)";

    @Override
    public OpDescriptor descriptor() {
        List<OpDescriptor.Arg> args = new ArrayList<>(List.of(
                OpDescriptor.Arg.required("place", "CLASS:LINE or FILE.java:LINE"),
                OpDescriptor.Arg.optional("message", "a logpoint's message, with {expression} parts; without it,"
                        + " the probe captures the locals")));
        args.addAll(OPTIONS);
        return new OpDescriptor("probe", "Probes a source line: logs a message or captures the locals, this and the"
                + " stack, at each hit, without stopping the thread.", args, REPLIES);
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String place = request.required("place");
        ProbeOptions options = options(request, request.string("message"));
        start(request, "probe", request.service().probes().start(place, options, request.connection(),
                new ProbeReplies(request, "probe")));
    }

    /** The {@link #OPTIONS} of the request. */
    static ProbeOptions options(Request request, Optional<String> message) throws BadRequestException {
        try {
            return new ProbeOptions(message, request.string("where"), request.message().strings("show"),
                    request.message().integer("count").orElse(message.isPresent() ? ProbeOptions.DEFAULT_LOG_COUNT
                            : ProbeOptions.DEFAULT_CAPTURE_COUNT),
                    request.message().integer("seconds").orElse(ProbeOptions.DEFAULT_SECONDS),
                    request.message().flag("unsafe"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** Answers the request with a probe's failure to start, and audits it; its start is audited once on. */
    static void start(Request request, String op, CompletableFuture<LineProbe> starting) {
        starting.exceptionally(failure -> {
            request.audit(op, "", request.message().toString(), "failed: " + LineProbes.failureMessage(failure),
                    List.of());
            request.fail(Wire.PROBE_ERROR, LineProbes.failureMessage(failure), Plist.builder());
            return null;
        });
    }

    /** A probe's reports as replies to the request that set it: {@code :probing}, {@code :hit}s, the last. */
    static final class ProbeReplies extends StreamedReplies implements ProbeListener {
        private final String op;

        /** @param op the op that set the probe, as the audit names it */
        ProbeReplies(Request request, String op) {
            super(request);
            this.op = op;
        }

        @Override
        public void started(LineProbe probe) {
            request.audit(op, "", request.message().toString(), "ok", List.of());
            request.send(Plist.builder().put("probing", probe.description()).put("probe", probe.number())
                    .put("place", probe.place()));
        }

        @Override
        public void pending(String className) {
            request.send(Plist.builder().put("pending", className));
        }

        @Override
        public void moved(String newPlace, String how) {
            request.send(Plist.builder().put("note", how).put("place", newPlace));
        }

        @Override
        public void hit(ProbeHit hit) {
            request.write(Plist.builder().put("hit", hit.toPlist().toSexp()));
        }

        @Override
        public void ended(String reason, long shown, long dropped) {
            request.done(Plist.builder().put("reason", reason).put("shown", shown).put("dropped", dropped));
        }
    }
}
