package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sets a probe ({@code hotline log}, {@code capture} and {@code catch}) and follows it until it ends: on one service,
 * each hit on stdout and what happens to the probe on stderr; on many ({@code --all}, {@code --targets}), each
 * service's hits as its block and what they showed as its value, so the table marks the service whose value
 * differs.
 */
final class ProbeStream {
    private ProbeStream() {
    }

    /** Sets the probe on the service the options name, or on each of those they name. */
    /** @param op the op that sets it: {@code probe} or {@code catch} */
    static int run(TargetOptions target, String service, String op, Plist.Builder request, boolean json)
            throws IOException, CliException, InterruptedException {
        if (target.isFanOut()) {
            return FanOut.run(target.members(), target.parallel(), json, true,
                    member -> collect(member.connection(), op, request));
        }
        return print(target.locate(service).target(), op, request, json);
    }

    private static int print(Target target, String op, Plist.Builder request, boolean json)
            throws IOException, CliException {
        PrintWriter out = Console.stdout();
        PrintWriter err = Console.stderr();
        try (NativeConnection connection = NativeConnection.open(target)) {
            Plist last = follow(connection, op, request, hit -> {
                out.println(json ? Json.of(hit.toPlist()) : hit.toText());
                out.flush();
            }, err::println);
            if (last.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                err.println("hotline: " + last.string(Wire.MESSAGE).orElse("the probe failed"));
                return ExitCodes.FAILED;
            }
            err.println("probe ended " + ending(last));
            return ExitCodes.OK;
        }
    }

    /** One service's part of a fan-out: what its hits showed (messages, or locals) is its value. */
    private static FanOut.Result collect(NativeConnection connection, String op, Plist.Builder request)
            throws IOException, CliException {
        List<ProbeHit> hits = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        Plist last = follow(connection, op, request, hit -> {
            hits.add(hit);
            output.append(hit.toText()).append('\n');
        }, note -> output.append(note).append('\n'));
        if (last.keywords(Wire.STATUS).contains(Wire.ERROR)) {
            return FanOut.Result.failed(ExitCodes.FAILED, last.string(Wire.MESSAGE).orElse("the probe failed"),
                    output.toString());
        }
        output.append("probe ended ").append(ending(last)).append('\n');
        String shown = hits.stream().map(hit -> hit.message().orElseGet(() -> hit.thrown().map(t -> t + ": ")
                .orElse("") + hit.locals().stream().map(local -> local.getKey() + " = " + local.getValue())
                .collect(Collectors.joining(", ")))).collect(Collectors.joining(" | "));
        return FanOut.Result.ok(shown, output.toString());
    }

    /**
     * Sends the probe and reads its replies until the last, giving each hit to {@code hits} and each thing said
     * about the probe (that it is set, pending, paused...) to {@code said}. Returns the last reply.
     */
    private static Plist follow(NativeConnection connection, String op, Plist.Builder request,
            Consumer<ProbeHit> hits, Consumer<String> said) throws IOException, CliException {
        long id = connection.send(op, request);
        while (true) {
            Plist reply = connection.read(null);
            if (reply.integer(Wire.ID).orElse(-1L) != id) {
                continue;
            }
            if (reply.has(Wire.STATUS)) {
                return reply;
            }
            if (reply.get("hit").orElse(null) instanceof Sexp.Lst hit) {
                hits.accept(ProbeHit.from(Plist.from(hit)));
            } else if (reply.has("probing")) {
                said.accept(reply.string("probing").orElse("probing") + "; Ctrl-C ends it");
            } else if (reply.has("dropped")) {
                said.accept(reply.integer("dropped").orElse(0L) + " hits not shown: they came faster than they"
                        + " could be sent");
            } else if (reply.has("note")) {
                said.accept("note: " + reply.string("note").orElse(""));
            }
        }
    }

    private static String ending(Plist last) {
        return ProbeHit.ending(last.string("reason").orElse("?"), last.integer("shown").orElse(0L),
                last.integer("dropped").orElse(0L));
    }
}
