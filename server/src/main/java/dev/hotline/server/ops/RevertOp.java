package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import dev.hotline.server.reload.Reloader;
import java.util.List;

/**
 * Gives classes the bytes they had before their last redefinition: what {@code hotline reload --canary} does to
 * the canaries when its check fails.
 */
final class RevertOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("revert", "Undoes the last redefinition of classes: each gets the bytes it had before.",
                List.of(OpDescriptor.Arg.required("classes", "the classes' binary names")),
                "as reload: :classes, :report, :micros; a class never redefined is unchanged");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        List<String> names = request.message().strings("classes");
        if (names.isEmpty()) {
            throw new BadRequestException(":classes must be a list of class names, as in (\"com.acme.Orders\")");
        }
        request.service().reloader().submitRevert(names).whenComplete((report, error) -> {
            if (error != null) {
                request.audit("revert", "", String.join(" ", names), "failed: " + Reloader.failureMessage(error),
                        List.of());
                request.fail(Wire.SERVER_ERROR, "cannot revert: " + Reloader.failureMessage(error), Plist.builder());
            } else {
                request.audit("revert", "", String.join(" ", names), report.outcome(), report.redefinedClasses());
                ReloadOp.answer(request, report);
            }
        });
    }

}
