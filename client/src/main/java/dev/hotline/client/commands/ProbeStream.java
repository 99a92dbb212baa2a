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

/**
 * Sets a probe ({@code hotline log} and {@code hotline capture}) and prints its hits until it ends: each hit on
 * stdout, what happens to the probe on stderr.
 */
final class ProbeStream {
    private ProbeStream() {
    }

    /** @return the exit code: OK once the probe ended, FAILED when the service refused it */
    static int run(Target target, Plist.Builder request, boolean json) throws IOException, CliException {
        PrintWriter out = Console.stdout();
        PrintWriter err = Console.stderr();
        try (NativeConnection connection = NativeConnection.open(target)) {
            long id = connection.send("probe", request);
            while (true) {
                Plist reply = connection.read(null);
                if (reply.integer(Wire.ID).orElse(-1L) != id) {
                    continue;
                }
                if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                    err.println("hotline: " + reply.string(Wire.MESSAGE).orElse("the probe failed"));
                    err.flush();
                    return ExitCodes.FAILED;
                }
                if (reply.has(Wire.STATUS)) {
                    err.println("probe ended " + ProbeHit.ending(reply.string("reason").orElse("?"),
                            reply.integer("shown").orElse(0L), reply.integer("dropped").orElse(0L)));
                    err.flush();
                    return ExitCodes.OK;
                }
                if (reply.get("hit").orElse(null) instanceof Sexp.Lst hit) {
                    Plist fields = Plist.from(hit);
                    out.println(json ? Json.of(fields) : ProbeHit.from(fields).toText());
                    out.flush();
                } else if (reply.has("probing")) {
                    err.println(reply.string("probing").orElse("probing") + "; Ctrl-C ends it");
                    err.flush();
                } else if (reply.has("dropped")) {
                    err.printf("%d hits not shown: they came faster than they could be sent%n",
                            reply.integer("dropped").orElse(0L));
                    err.flush();
                } else if (reply.has("note")) {
                    err.println("note: " + reply.string("note").orElse(""));
                    err.flush();
                }
            }
        }
    }
}
