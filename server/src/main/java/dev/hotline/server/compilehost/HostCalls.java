package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import java.io.IOException;
import java.io.UncheckedIOException;
import jdk.jshell.spi.ExecutionControl;

/**
 * The compile host's side of a request in progress: asks the service something (load these classes, run that
 * snippet, list that package) and waits for its answer, on the connection the request came in on.
 * The service answers {@code (:ok t :value V)} or, for JShell's calls, {@code (:thrown KIND ...)}.
 */
final class HostCalls {
    private final HostWire wire;

    HostCalls(HostWire wire) {
        this.wire = wire;
    }

    /**
     * Asks the service to run one of JShell's engine calls.
     *
     * @return the answer's value, empty when it has none
     * @throws ExecutionControl.ExecutionControlException what the service's engine threw, or an
     *         {@code EngineTerminationException} when the service cannot be reached
     */
    String execution(Plist call) throws ExecutionControl.ExecutionControlException {
        Plist answer;
        try {
            answer = ask(call);
        } catch (IOException e) {
            throw new ExecutionControl.EngineTerminationException("the service's connection broke: " + e.getMessage());
        }
        if (answer.has("thrown")) {
            try {
                throw HostMessages.readThrown(answer);
            } catch (IOException e) {
                throw new ExecutionControl.InternalException(e.getMessage());
            }
        }
        return HostMessages.string(answer, "value");
    }

    /** Asks the service something that is not an engine call; a broken connection is unchecked here. */
    Plist lookup(Plist call) {
        try {
            return ask(call);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Plist ask(Plist call) throws IOException {
        wire.send(call);
        return wire.receive();
    }
}
