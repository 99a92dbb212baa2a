package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.profile.Profiler;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * Records where the service's threads spend their time for some seconds, with JFR, and answers with the folded
 * stacks a flame graph is drawn from.
 */
final class ProfileOp implements Op {
    static final int DEFAULT_SECONDS = 30;
    static final int MAX_SECONDS = 3600;

    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("profile", "Records where the threads spend CPU (or allocate, or wait for locks) with"
                + " JFR for some seconds; answers with folded stacks.",
                List.of(OpDescriptor.Arg.optional("seconds", "how long to record (default " + DEFAULT_SECONDS + ")"),
                        OpDescriptor.Arg.optional("kind", "cpu (default), alloc or locks")),
                ":recording SECONDS first; last :kind K :unit U :total N :folded (\"root;...;leaf WEIGHT\" ...) with"
                        + " (:done), heaviest stacks first");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        long seconds = request.message().integer("seconds").orElse((long) DEFAULT_SECONDS);
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new BadRequestException("seconds must be from 1 to " + MAX_SECONDS + ", got " + seconds);
        }
        String kindName = request.string("kind").orElse("cpu");
        Profiler.Kind kind;
        try {
            kind = Profiler.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("kind '" + kindName + "': use cpu, alloc or locks");
        }
        request.audit("profile", "", request.message().toString(), "ok", List.of());
        request.send(Plist.builder().put("recording", seconds));
        request.service().profiler().record(kind, (int) seconds).whenComplete((profile, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                request.fail(Wire.SERVER_ERROR, "cannot profile: " + cause.getMessage(), Plist.builder());
                return;
            }
            request.done(Plist.builder().put("kind", kind.name().toLowerCase(Locale.ROOT))
                    .put("unit", kind.unit()).put("total", profile.total())
                    .put("folded", Sexp.list(profile.folded().stream()
                            .map(e -> (Sexp) Sexp.str(e.getKey() + " " + e.getValue())).toList())));
        });
    }
}
