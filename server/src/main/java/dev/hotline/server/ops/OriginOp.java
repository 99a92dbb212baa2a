package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.server.exchange.Exchange;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code hotline bridge} says of the client it carries: the user it runs as on this host and, when it runs
 * under SSH, the client's address from {@code SSH_CONNECTION}. The audit log records it with every later request
 * of the connection, beside the peer (the bridge itself). It is the bridge's word, not a proof: any client that
 * may connect may say it.
 */
final class OriginOp implements Op {
    private static final Pattern USER = Pattern.compile("[\\w.@-]{1,64}");
    /** {@code CLIENT_ADDRESS CLIENT_PORT SERVER_ADDRESS SERVER_PORT}, as sshd sets it. */
    private static final Pattern SSH_CONNECTION = Pattern.compile("([0-9A-Fa-f.:%\\w-]{1,64}) (\\d{1,5}) \\S{1,64} \\d{1,5}");

    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("origin", "Says where a bridged connection comes from, for the audit log; once per"
                + " connection.", List.of(OpDescriptor.Arg.required("user", "the user the bridge runs as"),
                        OpDescriptor.Arg.optional("ssh-connection", "the bridge's SSH_CONNECTION")),
                ":status (:done)");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String user = request.required("user");
        if (!USER.matcher(user).matches()) {
            throw new BadRequestException(":user must be a user name (letters, digits, . _ @ -, at most 64)");
        }
        String origin = "bridge:" + user;
        if (request.string("ssh-connection").isPresent()) {
            var ssh = SSH_CONNECTION.matcher(request.string("ssh-connection").get());
            if (!ssh.matches()) {
                throw new BadRequestException(":ssh-connection must read as SSH_CONNECTION does: CLIENT_ADDRESS"
                        + " CLIENT_PORT SERVER_ADDRESS SERVER_PORT");
            }
            origin = "ssh:" + user + "@" + ssh.group(1) + ":" + ssh.group(2);
        }
        if (request.connection().channel().attr(Exchange.ORIGIN).setIfAbsent(origin) != null) {
            throw new BadRequestException("this connection's origin was already given; a connection has one");
        }
        request.done(Plist.builder());
    }
}
