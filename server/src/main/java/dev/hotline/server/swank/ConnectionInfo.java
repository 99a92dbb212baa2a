package dev.hotline.server.swank;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.service.Service;
import dev.hotline.server.support.ServerOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The reply to {@code swank:connection-info}. SLIME destructures the nested plists without
 * {@code &allow-other-keys}, so they hold exactly the keys it names; {@code :style :spawn} makes SLIME send
 * interrupts over the wire; {@code :version} must equal SLIME's {@code slime-protocol-version} or SLIME asks
 * whether to continue (option {@code swank-version}, default {@value dev.hotline.server.support.ServerOptions#DEFAULT_SWANK_VERSION}).
 */
final class ConnectionInfo {
    private ConnectionInfo() {
    }

    static Sexp of(Service service) {
        String name = service.options().name();
        return Plist.builder()
                .put("pid", ProcessHandle.current().pid())
                .put("style", Sexp.kw("spawn"))
                .put("encoding", Plist.builder().put("coding-systems", Sexp.list(Sexp.str("utf-8-unix"))).build().toSexp())
                .put("lisp-implementation", Plist.builder()
                        .put("type", "Java")
                        .put("name", name)
                        .put("version", System.getProperty("java.vm.name") + " " + Runtime.version())
                        .put("program", Sexp.NIL)
                        .build().toSexp())
                .put("machine", Plist.builder()
                        .put("instance", hostName())
                        .put("type", System.getProperty("os.arch"))
                        .put("version", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                        .build().toSexp())
                .put("features", Sexp.NIL)
                .put("modules", Sexp.NIL)
                .put("package", Plist.builder().put("name", "main").put("prompt", name).build().toSexp())
                .put("version", service.options().swankVersion())
                .build().toSexp();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
