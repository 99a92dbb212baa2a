package dev.hotline.it;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.core.CliException;
import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.SexpReader;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw socket to a target: sends exact bytes, reads frames or lines, for protocol-level tests. Its requests
 * are built and its answers read with the protocol's and the client's own types ({@link Answer}); what it adds
 * to the client's {@code NativeConnection} is the raw access that bad-input tests need.
 */
final class WireClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameReader frames;
    private long nextId = 1;

    WireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        frames = new FrameReader(in, Frames.MAX_ENCODABLE);
    }

    /** Connects and presents the token as the first frame. */
    static WireClient framed(TargetJvm target) throws IOException {
        WireClient c = new WireClient(target.port());
        c.frame(target.token());
        return c;
    }

    WireClient raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    WireClient raw(String text) throws IOException {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    WireClient frame(String payload) throws IOException {
        return raw(Frames.encode(payload));
    }

    /** The next frame's payload as it came (a Swank reply, say), or null when the server closed the connection. */
    String nextFrame() throws IOException {
        return frames.read();
    }

    /** The next reply frame as a plist, or null when the server closed the connection. */
    Plist reply() throws IOException {
        String payload = frames.read();
        return payload == null ? null : Plist.from(SexpReader.DEFAULT.read(payload));
    }

    /** Evaluates {@code code} and returns the value of the reply that carries one, reading until done. */
    String eval(String code) throws IOException {
        return eval("main", code);
    }

    /**
     * Evaluates {@code code} in {@code session}; see {@link #eval(String)}. An error comes back as
     * {@code error: MESSAGE}.
     */
    String eval(String session, String code) throws IOException {
        Answer answer = call(Plist.builder().put(Wire.OP, "eval").put(Wire.SESSION, session).put(Wire.CODE, code));
        return answer.failed() ? "error: " + answer.message().orElse("") : answer.value().orElse(null);
    }

    /** Runs a slash command in {@code session} and returns its text, reading until done. */
    String command(String session, String line) throws IOException {
        return call(Plist.builder().put(Wire.OP, "command").put(Wire.SESSION, session).put("line", line)).out();
    }

    /** Sends {@code request} with a fresh id and reads its replies up to the final one. */
    private Answer call(Plist.Builder request) throws IOException {
        long id = nextId++;
        frame(request.put(Wire.ID, id).build().toString());
        try {
            return Answer.collect(this::reply, id);
        } catch (CliException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Everything the server sends until it closes the connection (as text). */
    String readUntilClosed() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** True when the server has closed the connection (reads end of stream within the timeout). */
    boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer counts as closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
