package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connection to a service's Unix-domain socket, as streams that can be read and written from two threads at
 * once. (The JDK's {@code Channels} streams share one lock, so a blocked read would hold up every write.)
 */
public final class UnixSocket implements AutoCloseable {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private UnixSocket(SocketChannel channel) {
        this.channel = channel;
        this.in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bytes = ByteBuffer.wrap(b, off, len);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        };
    }

    /** Connects to the socket at {@code path}; a failure is the service being unreachable (exit 3). */
    public static UnixSocket open(Path path) throws CliException {
        try {
            return new UnixSocket(SocketChannel.open(UnixDomainSocketAddress.of(path)));
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot connect to unix:" + path + ": " + e.getMessage()
                    + " (is the service running?)");
        }
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    /** No more requests will come (the service closes once it sees this). */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
