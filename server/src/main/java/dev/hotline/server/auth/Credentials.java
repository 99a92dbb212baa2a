package dev.hotline.server.auth;

import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.util.Optional;

/**
 * The two tokens of a service and the role each grants: {@code NAME.token} (mode 0600) grants {@link Role#OPERATE},
 * {@code NAME.observe.token} (mode 0640, readable by a group) grants {@link Role#OBSERVE}.
 */
public final class Credentials {
    private final TokenStore operate;
    private final TokenStore observe;
    private final RunDirectory files;

    private Credentials(TokenStore operate, TokenStore observe, RunDirectory files) {
        this.operate = operate;
        this.observe = observe;
        this.files = files;
    }

    /**
     * Loads both tokens from the run directory, or creates them.
     *
     * @param writer writes a file atomically with the mode it is given
     */
    public static Credentials loadOrCreate(RunDirectory files, TokenStore.FileWriter writer) throws IOException {
        return new Credentials(TokenStore.loadOrCreate(files.tokenFile(), TokenStore.OWNER_ONLY, writer),
                TokenStore.loadOrCreate(files.observeTokenFile(), TokenStore.GROUP_READABLE, writer), files);
    }

    /** A granted role and the credential that granted it, as {@code status} and refusals name it. */
    public record Grant(Role role, String credential) {
    }

    /** The role a presented token grants, or empty when it is neither token. */
    public Optional<Grant> grantFor(String presented) {
        if (operate.matches(presented)) {
            return Optional.of(new Grant(Role.OPERATE, "token " + files.tokenFile().getFileName()));
        }
        if (observe.matches(presented)) {
            return Optional.of(new Grant(Role.OBSERVE, "token " + files.observeTokenFile().getFileName()));
        }
        return Optional.empty();
    }
}
