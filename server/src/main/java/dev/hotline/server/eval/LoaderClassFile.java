package dev.hotline.server.eval;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import javax.tools.SimpleJavaFileObject;

/**
 * A class file javac reads through an application class loader rather than from the compile class path.
 * The bytes are fetched only when javac opens the file.
 */
public final class LoaderClassFile extends SimpleJavaFileObject {
    /** Opens the class bytes; may be called several times. */
    public interface ByteSource {
        InputStream open() throws IOException;
    }

    private final String binaryName;
    private final ByteSource source;

    LoaderClassFile(URI uri, String binaryName, ByteSource source) {
        super(uri, Kind.CLASS);
        this.binaryName = binaryName;
        this.source = source;
    }

    /**
     * A class file named after where it comes from. javac's file objects need a URI with a path, which
     * {@code jar:} URLs lack: this one keeps the origin readable in error messages
     * ({@code hotline-class:/file:/app.jar!/com/x/A.class}).
     */
    public static LoaderClassFile from(String origin, String binaryName, ByteSource source) {
        try {
            return new LoaderClassFile(new URI("hotline-class", null, "/" + origin, null), binaryName, source);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot name class file " + origin, e);
        }
    }

    public String binaryName() {
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
