package dev.hotline.server.eval;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import javax.tools.SimpleJavaFileObject;

/**
 * A class file javac reads through an application class loader rather than from the compile class path.
 * The bytes are fetched only when javac opens the file.
 */
final class LoaderClassFile extends SimpleJavaFileObject {
    /** Opens the class bytes; may be called several times. */
    interface ByteSource {
        InputStream open() throws IOException;
    }

    private final String binaryName;
    private final ByteSource source;

    LoaderClassFile(URI uri, String binaryName, ByteSource source) {
        super(uri, Kind.CLASS);
        this.binaryName = binaryName;
        this.source = source;
    }

    String binaryName() {
        return binaryName;
    }

    @Override
    public InputStream openInputStream() throws IOException {
        InputStream in = source.open();
        if (in == null) {
            throw new IOException("class bytes for " + binaryName + " are no longer available");
        }
        return in;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoaderClassFile other && other.toUri().equals(toUri());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toUri());
    }
}
