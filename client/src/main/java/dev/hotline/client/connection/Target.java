package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.PortFile;
import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a service listens and the token it wants, resolved from the command line's target options; or the
 * command whose standard input and output carry a connection to it, already authenticated (a
 * {@code hotline bridge} run over {@code ssh} or {@code kubectl exec}).
 *
 * @param host address to connect to
 * @param port its port
 * @param token the token, or empty when none was found (the service may have auth off)
 * @param via the command to run instead of connecting, when the service is reached through one
 * @param socket the Unix-domain socket to connect to instead, where no token is asked
 * @param tlsFingerprint the certificate the port speaks TLS with ({@code sha256:HEX}, from its port file), or empty
 *        for plain TCP
 */
public record Target(String host, int port, Optional<String> token, Optional<List<String>> via,
        Optional<Path> socket, Optional<String> tlsFingerprint) {

    public Target {
        via = via.map(List::copyOf);
    }

    /** A service on {@code host}:{@code port}. */
    public Target(String host, int port, Optional<String> token) {
        this(host, port, token, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A service reached through {@code command}'s standard input and output. */
    public static Target via(List<String> command) {
        return new Target("", 0, Optional.empty(), Optional.of(command), Optional.empty(), Optional.empty());
    }

    /** A service on this host, through its Unix-domain socket, where no token is asked. */
    public static Target socket(Path path) {
        return new Target("", 0, Optional.empty(), Optional.empty(), Optional.of(path), Optional.empty());
    }

    /**
     * How messages name it: {@code 127.0.0.1:4711}, {@code unix:/run/orders/orders.sock}, or
     * {@code 'ssh web1 hotline bridge --name orders'}.
     */
    public String address() {
        return via.map(command -> "'" + String.join(" ", command) + "'")
                .orElse(socket.map(path -> "unix:" + path).orElse(host + ":" + port));
    }

    /**
     * The service whose files are in {@code run}, on this host: its Unix-domain socket when it has one that this
     * user may connect to (no token
     * needed), else its port file and its token file.
     */
    public static Target of(RunDirectory run) throws CliException {
        if (!run.known()) {
            throw new CliException(ExitCodes.UNREACHABLE, run.noSuchService());
        }
        if (Files.exists(run.socketFile()) && Files.isWritable(run.socketFile())) {
            return socket(run.socketFile());
        }
        return resolve("127.0.0.1", null, run.portFile(), null);
    }

    /**
     * A service given by its address: an explicit {@code port}, else the port in {@code portFile}. The token
     * comes from {@code tokenFile}, else from the {@code .token} file beside the port file, else, when this user
     * may not read that one, from the {@code .observe.token} beside it (which lets them look, not change).
     */
    public static Target resolve(String host, Integer port, Path portFile, Path tokenFile) throws CliException {
        if (port != null) {
            return new Target(host, port, readToken(tokenFile));
        }
        Path file = portFile;
        if (!Files.exists(file)) {
            throw new CliException(ExitCodes.UNREACHABLE, "no port file " + file + ": is the service running?");
        }
        PortFile written;
        try {
            written = PortFile.read(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read a port from " + file + ": " + e.getMessage());
        }
        Path token = tokenFile != null ? tokenFile : readableTokenBeside(file);
        return new Target(host, written.port(), readToken(token), Optional.empty(), Optional.empty(),
                written.tlsFingerprint());
    }

    private static Path readableTokenBeside(Path portFile) {
        Path operate = RunDirectory.tokenFileBeside(portFile);
        Path observe = RunDirectory.observeTokenFileBeside(portFile);
        return !Files.isReadable(operate) && Files.isReadable(observe) ? observe : operate;
    }

    private static Optional<String> readToken(Path file) throws CliException {
        if (file == null || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the token file " + file + ": " + e.getMessage());
        }
    }
}
