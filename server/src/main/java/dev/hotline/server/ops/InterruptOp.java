package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.eval.Session;
import java.util.List;

/**
 * Stops the evaluation running in a session. The interrupted eval ends with
 * {@code :status (:error :interrupted :done)}; this request ends with {@code :status (:done)}.
 */
final class InterruptOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("interrupt", "Stops the evaluation running in a session.",
                List.of(OpDescriptor.Arg.optional(Wire.SESSION, "session to interrupt (default main)")),
                ":interrupted t (nil when nothing was running); the interrupted eval ends with (:error :interrupted :done),"
                        + " within a second even when its thread cannot be stopped");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        Session session = request.session();
        request.done(Plist.builder().put("interrupted", Sexp.bool(session.interrupt())));
    }
}
