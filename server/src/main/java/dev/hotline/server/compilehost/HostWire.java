package dev.hotline.server.compilehost;

import dev.hotline.protocol.FrameException;
import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.SexpReader;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * One connection between the service and its compile host: native frames (six hex digits of length, then one
 * s-expression in UTF-8) carrying property lists, over a blocking Unix-domain socket. Used by one thread at a
 * time on each side: the exchange is strictly nested (a request, the callbacks it causes, its answer), so no
 * message ever waits behind another.
 */
final class HostWire implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(Frames.HEADER_LENGTH);

    HostWire(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to the compile host listening at {@code socket}. */
    static HostWire connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new HostWire(channel);
    }

    void send(Plist message) throws IOException {
        ByteBuffer frame = ByteBuffer.wrap(Frames.encode(message.toSexp().print()));
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    /**
     * The next message.
     *
     * @throws EOFException when the other side has closed the connection
     * @throws IOException when the connection breaks or a frame is not a property list
     */
    Plist receive() throws IOException {
        header.clear();
        fill(header);
        int length;
        try {
            length = Frames.parseHeader(header.array());
        } catch (FrameException e) {
            throw new IOException("bad frame from the other side of the compile host's connection: " + e.getMessage());
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload);
        try {
            return Plist.from(SexpReader.DEFAULT.read(Frames.decodeUtf8(payload.array())));
        } catch (ProtocolException e) {
            throw new IOException("bad message on the compile host's connection: " + e.getMessage());
        }
    }

    private void fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the compile host's connection was closed");
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket that is already broken
        }
    }
}
