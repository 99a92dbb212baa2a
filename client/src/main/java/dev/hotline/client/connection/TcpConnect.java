package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A TCP connection to a service's port, over TLS pinned to the port file's certificate when the port speaks it
 * ({@link PinnedTls}): what the native connection and the bridge both open.
 */
public final class TcpConnect {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private TcpConnect() {
    }

    /**
     * Connects to {@code target}'s host and port, completing a TLS handshake when it names a certificate.
     *
     * @throws CliException saying why not: refused, unreachable, or another certificate than the pinned one
     */
    public static Socket open(Target target) throws CliException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
            return target.tlsFingerprint().isPresent()
                    ? PinnedTls.wrap(socket, target.tlsFingerprint().get(), target.address()) : socket;
        } catch (ConnectException e) {
            Transport.closeQuietly(socket);
            throw new CliException(ExitCodes.UNREACHABLE, "cannot connect to " + target.address()
                    + ": connection refused (is the service running?)");
        } catch (IOException e) {
            Transport.closeQuietly(socket);
            throw new CliException(ExitCodes.UNREACHABLE, "cannot connect to " + target.address() + ": "
                    + e.getMessage());
        }
    }
}
