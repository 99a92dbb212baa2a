package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import dev.hotline.server.image.Inspection;
import dev.hotline.server.image.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Saves the service's live changes (sessions' declarations, hot-reloaded classes) to {@code NAME.image}. */
final class SnapshotOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("snapshot", "Writes the image: named sessions' declarations and hot-reloaded classes.",
                List.of(OpDescriptor.Arg.optional("heap", "instead, write a heap dump of live objects to this .hprof path"),
                        OpDescriptor.Arg.optional("checkpoint", "t: instead, take a CRaC checkpoint (JVMs with CRaC only)")),
                ":image PATH :sessions :declarations :classes :bytes :report; with :heap, :heap PATH; with :checkpoint,"
                        + " :report, or an error saying this JVM has no CRaC");
    }

    @Override
    public void handle(Request request) {
        CompletableFuture.runAsync(() -> {
            try {
                if (request.string("heap").isPresent()) {
                    Path file = Path.of(request.string("heap").get());
                    Inspection.heapDump(file);
                    request.audit("snapshot", "", "--heap " + file, "ok", List.of());
                    request.done(Plist.builder().put("heap", file.toString())
                            .put("report", "| heap dump written to " + file + " (" + Files.size(file) + " bytes)\n"));
                    return;
                }
                if (request.message().flag("checkpoint")) {
                    request.audit("snapshot", "", "--checkpoint", "asked", List.of());
                    request.done(Plist.builder().put("report", "| " + Inspection.checkpoint() + "\n"));
                    return;
                }
                Snapshots.Written w = request.service().snapshots().snapshot();
                request.audit("snapshot", "", "", "ok", List.of());
                request.done(Plist.builder().put("image", w.file().toString()).put("sessions", w.sessions())
                        .put("declarations", w.declarations()).put("classes", w.classes()).put("bytes", w.bytes())
                        .put("report", w.toText()));
            } catch (IOException | RuntimeException e) {
                request.audit("snapshot", "", "", "failed: " + e.getMessage(), List.of());
                request.fail(Wire.SERVER_ERROR, e.getMessage(), Plist.builder());
            }
        });
    }
}
