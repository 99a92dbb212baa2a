package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import dev.hotline.server.image.Snapshots;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Shuts the service down, as {@code System.exit(0)}: shutdown hooks run. The kill port of the Lisp world. */
final class ShutdownOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("shutdown", "Shuts the service down (System.exit(0); shutdown hooks run).",
                List.of(OpDescriptor.Arg.optional("snapshot", "t to write the image first (a failed snapshot cancels the shutdown)")),
                ":status (:done), sent before the service exits; :image PATH with :snapshot t");
    }

    @Override
    public void handle(Request request) {
        if (!request.message().flag("snapshot")) {
            request.audit("shutdown", "", "", "ok", List.of());
            request.done(Plist.builder(), request.service()::shutdown);
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                Snapshots.Written w = request.service().snapshots().snapshot();
                request.audit("shutdown", "", "--snapshot", "ok", List.of());
                request.done(Plist.builder().put("image", w.file().toString()).put("report", w.toText()),
                        request.service()::shutdown);
            } catch (IOException | RuntimeException e) {
                request.fail(Wire.SERVER_ERROR, "snapshot failed, so the service keeps running: " + e.getMessage(),
                        Plist.builder());
            }
        });
    }
}
