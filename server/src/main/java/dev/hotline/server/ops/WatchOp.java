package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts watching a build output directory: every batch of class files a build writes there is reloaded, and
 * the report is pushed to every connected client as {@code (:event "reload" :report TEXT :failed t|nil)}.
 */
final class WatchOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("watch", "Watches a directory of class files and reloads what changes, in batches.",
                List.of(OpDescriptor.Arg.required("path", "absolute path of the directory, as the service sees it")),
                ":watching PATH; later, (:event \"reload\" :report TEXT :failed t|nil) to every connected client");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        Path dir = Path.of(request.required("path"));
        if (!dir.isAbsolute()) {
            throw new BadRequestException(":path must be absolute, got " + dir);
        }
        try {
            request.service().watch(dir);
            request.done(Plist.builder().put("watching", dir.toString()));
        } catch (IOException e) {
            request.fail(Wire.BAD_REQUEST, "cannot watch " + dir + ": " + e.getMessage(), Plist.builder());
        }
    }
}
