package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import java.util.List;

/** Shuts the service down, as {@code System.exit(0)}: shutdown hooks run. The kill port of the Lisp world. */
final class ShutdownOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("shutdown", "Shuts the service down (System.exit(0); shutdown hooks run).", List.of(),
                ":status (:done), sent before the service exits");
    }

    @Override
    public void handle(Request request) {
        request.done(Plist.builder(), request.connection().context()::shutdownService);
    }
}
