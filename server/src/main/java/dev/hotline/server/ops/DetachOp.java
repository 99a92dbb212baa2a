package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import java.util.List;

/**
 * Stops Hotline in the service and leaves the service running, as Arthas's {@code stop} does: the answer is
 * sent, then the server closes (this connection with it), its sessions end and its files go.
 */
final class DetachOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("detach", "Stops Hotline inside the service; the service keeps running.", List.of(),
                ":status (:done), sent before the server closes");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        if (request.service().options().daemon()) {
            throw new BadRequestException("this service was launched with Hotline (hotline start or run), which it"
                    + " cannot leave: stop it with hotline stop");
        }
        request.done(Plist.builder(), request.service()::detach);
    }
}
