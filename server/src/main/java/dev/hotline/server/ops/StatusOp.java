package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import java.util.List;

/** Reports the service: pid, uptime, Java, heap, threads, sessions, connections. */
final class StatusOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("status", "Reports the running service.", List.of(),
                ":service :pid :uptime-ms :java-version :vm :port :heap-used :heap-max :threads :sessions :connections :redefinitions"
                        + " :role (this connection's: observe or operate) :credential (what granted it)");
    }

    @Override
    public void handle(Request request) {
        Plist status = request.service().status().toPlist();
        Plist.Builder reply = Plist.builder();
        status.asMap().forEach(reply::put);
        reply.put("role", request.grant().role().word()).put("credential", request.grant().credential());
        request.done(reply);
    }
}
