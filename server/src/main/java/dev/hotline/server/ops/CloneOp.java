package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.util.List;

/** Creates a throwaway session that ends with this connection (nREPL's {@code clone}). */
final class CloneOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("clone", "Creates a fresh session that ends when this connection closes.",
                List.of(), ":new-session, the session's name, to pass as :session");
    }

    @Override
    public void handle(Request request) {
        String name = request.connection().newEphemeralSession().name();
        request.done(Plist.builder().put(Wire.NEW_SESSION, name));
    }
}
