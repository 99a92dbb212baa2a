package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.server.eval.SnippetOutcome;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One request to the compile host, from the service's side: sent, then every message the host sends back is
 * handled in order (a call answered by {@link ServiceCalls}, an outcome passed on) until the answer,
 * {@code (:result t ...)}, which is returned.
 */
final class HostExchange {
    private HostExchange() {
    }

    /** @throws HostGone when the connection breaks, saying whether the host had begun the request */
    static Plist run(HostWire wire, Plist request, ServiceCalls calls, Consumer<SnippetOutcome> outcomes)
            throws HostGone {
        boolean started = false;
        try {
            wire.send(request);
            while (true) {
                Plist message = wire.receive();
                started = true;
                if (message.has("result")) {
                    return message;
                }
                if (message.has("outcome")) {
                    outcomes.accept(HostMessages.readOutcome(Plist.from(message.get("outcome").orElseThrow())));
                } else {
                    wire.send(calls.answer(message));
                }
            }
        } catch (IOException e) {
            throw new HostGone(e.getMessage(), started);
        }
    }

    /** The connection to the host broke; {@code started}: after the host had begun the request. */
    static final class HostGone extends IOException {
        private final boolean started;

        HostGone(String message, boolean started) {
            super(message);
            this.started = started;
        }

        boolean started() {
            return started;
        }
    }
}
