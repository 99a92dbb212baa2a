package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import dev.hotline.server.image.Snapshots;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Saves the service's live changes (sessions' declarations, hot-reloaded classes) to {@code NAME.image}. */
final class SnapshotOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("snapshot", "Writes the image: named sessions' declarations and hot-reloaded classes.",
                List.of(), ":image PATH :sessions :declarations :classes :bytes :report");
    }

    @Override
    public void handle(Request request) {
        CompletableFuture.runAsync(() -> {
            try {
                Snapshots.Written w = Snapshots.snapshot(request.connection().context());
                request.done(Plist.builder().put("image", w.file().toString()).put("sessions", w.sessions())
                        .put("declarations", w.declarations()).put("classes", w.classes()).put("bytes", w.bytes())
                        .put("report", w.toText()));
            } catch (IOException | RuntimeException e) {
                request.fail(Wire.SERVER_ERROR, "snapshot failed, the previous image is intact: " + e.getMessage(),
                        Plist.builder());
            }
        });
    }
}
