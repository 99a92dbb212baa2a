package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.PortFile;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS to a service that runs with {@code tls=true}, trusting exactly the certificate its port file names: no
 * authority is asked, the fingerprint is pinned, so a port that some other process holds, or a man in the middle,
 * fails the handshake before the token is sent.
 */
final class PinnedTls {
    private PinnedTls() {
    }

    /**
     * Starts TLS on {@code socket} and completes the handshake.
     *
     * @param fingerprint {@code sha256:HEX} of the certificate to accept
     * @throws CliException when the service presents another certificate, or the handshake fails
     */
    static Socket wrap(Socket socket, String fingerprint, String address) throws IOException, CliException {
        Pin pin = new Pin(fingerprint);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {pin}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, address, socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            return tls;
        } catch (SSLHandshakeException e) {
            Transport.closeQuietly(socket);
            throw new CliException(ExitCodes.UNREACHABLE, pin.presented == null
                    ? "TLS with " + address + " failed: " + e.getMessage() + " (does the port speak TLS? its port file"
                            + " says so)"
                    : "refused " + address + ": it presented the certificate " + pin.presented + ", not "
                            + fingerprint + " which its port file names; the port file is stale, another process"
                            + " holds the port, or someone is in the middle. Nothing was sent; check with hotline"
                            + " status, or restart the service to write its port file again");
        } catch (GeneralSecurityException e) {
            Transport.closeQuietly(socket);
            throw new CliException(ExitCodes.UNREACHABLE, "cannot start TLS: " + e.getMessage());
        }
    }

    /** Trusts one certificate, by the SHA-256 of its encoding; remembers what the server presented. */
    private static final class Pin implements X509TrustManager {
        private final String expected;
        private volatile String presented;

        Pin(String expected) {
            this.expected = expected;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            presented = PortFile.fingerprintOf(chain[0].getEncoded());
            if (!MessageDigest.isEqual(presented.getBytes(), expected.getBytes())) {
                throw new CertificateException("certificate " + presented + " is not the pinned " + expected);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
