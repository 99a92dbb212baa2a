package dev.hotline.server.auth;

import dev.hotline.protocol.PortFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The service's TLS key and certificate ({@code tls=true}): an EC P-256 key and a self-signed certificate, made at
 * the first start and kept in {@code NAME.tls.p12} (PKCS #12, mode 0600, beside the token; its password is fixed,
 * the file's mode is what guards it, as for the token). Reused while the file is there and private; delete it to
 * make a new one. Clients pin the certificate's fingerprint, which the port file carries.
 */
public final class TlsIdentity {
    private static final char[] PASSWORD = "hotline".toCharArray();
    private static final String ALIAS = "hotline";

    private final KeyStore store;
    private final String fingerprint;

    private TlsIdentity(KeyStore store, X509Certificate certificate) throws GeneralSecurityException {
        this.store = store;
        this.fingerprint = PortFile.fingerprintOf(certificate.getEncoded());
    }

    /**
     * Loads the identity from {@code file}, or makes one there.
     *
     * @param writer writes a file atomically with the mode it is given
     */
    public static TlsIdentity loadOrCreate(Path file, BytesWriter writer) throws IOException {
        try {
            if (Files.isRegularFile(file) && Files.getPosixFilePermissions(file).equals(TokenStore.OWNER_ONLY)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, PASSWORD);
                }
                if (store.getCertificate(ALIAS) instanceof X509Certificate certificate) {
                    return new TlsIdentity(store, certificate);
                }
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = SelfSignedCertificate.create(keys, "hotline");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, PASSWORD);
            writer.write(file, bytes.toByteArray(), TokenStore.OWNER_ONLY);
            return new TlsIdentity(store, certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make or read the TLS identity " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file writer of bytes that may fail with {@link IOException}. */
    @FunctionalInterface
    public interface BytesWriter {
        void write(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException;
    }

    /** The certificate's fingerprint, as the port file carries it. */
    public String fingerprint() {
        return fingerprint;
    }

    /** A server context that presents this identity. */
    public SSLContext serverContext() throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS identity: " + e.getMessage(), e);
        }
    }
}
