package dev.hotline.server.channel;

import dev.hotline.server.auth.Credentials;
import dev.hotline.server.auth.Role;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The role a connection was let in with, and the credential that granted it, kept on its channel by whoever let
 * it in: the auth handler (which token), the Unix socket's gate (which user or group), or the server itself when
 * {@code auth=none}.
 */
public final class ConnectionRole {
    private static final AttributeKey<Credentials.Grant> GRANT = AttributeKey.valueOf("hotline.grant");

    private ConnectionRole() {
    }

    public static void grant(Channel channel, Credentials.Grant grant) {
        channel.attr(GRANT).set(grant);
    }

    /**
     * What the connection was granted. A connection no gate let in is given nothing beyond {@link Role#OBSERVE}:
     * a mistake in wiring refuses too much rather than too little.
     */
    public static Credentials.Grant of(Channel channel) {
        Credentials.Grant grant = channel.attr(GRANT).get();
        return grant != null ? grant : new Credentials.Grant(Role.OBSERVE, "no credential recorded");
    }
}
