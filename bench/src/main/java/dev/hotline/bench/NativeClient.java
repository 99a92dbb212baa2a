package dev.hotline.bench;

import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.RunDirectory;
import dev.hotline.protocol.SexpReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A blocking native-protocol connection that evaluates one request at a time. */
final class NativeClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final FrameReader in;
    private long nextId;

    /** Connects to the service whose port and token files are {@code runDir/NAME.port} and {@code .token}. */
    NativeClient(Path runDir, String name) throws IOException {
        int port = Integer.parseInt(Files.readString(new RunDirectory(runDir, name).portFile()).strip());
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new FrameReader(new BufferedInputStream(socket.getInputStream()), Frames.MAX_ENCODABLE);
        out.write(Frames.encode(Files.readString(new RunDirectory(runDir, name).tokenFile()).strip()));
    }

    /**
     * Evaluates {@code code} in session main and waits for its final reply.
     *
     * @return the final reply's payload; it contains {@code :error} when the evaluation failed
     */
    String eval(String code) throws IOException {
        long id = nextId++;
        out.write(Frames.encode("(:op :eval :id " + id + " :code \"" + code.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\")"));
        out.flush();
        while (true) {
            String reply = in.read();
            if (reply == null) {
                throw new IOException("connection closed during the eval of " + code);
            }
            if (reply.contains(":done")) {
                return reply;
            }
        }
    }

    /** Evaluates {@code code} and returns its (last) value, failing on an error reply or when there is none. */
    String value(String code) throws IOException {
        return value("main", code);
    }

    /** {@link #value(String)} in {@code session}. */
    String value(String session, String code) throws IOException {
        long id = nextId++;
        out.write(Frames.encode("(:op :eval :id " + id + " :session \"" + session + "\" :code \"" + code.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\")"));
        out.flush();
        String value = null;
        while (true) {
            String payload = in.read();
            if (payload == null) {
                throw new IOException("connection closed during the eval of " + code);
            }
            Plist reply = Plist.from(SexpReader.DEFAULT.read(payload));
            value = reply.string("value").orElse(value);
            if (reply.keywords("status").contains("done")) {
                if (reply.keywords("status").contains("error") || value == null) {
                    throw new IOException("eval of " + code + " gave no value: " + payload);
                }
                return value;
            }
        }
    }

    /** Evaluates {@code code} and returns how long the round trip took, failing on an error reply. */
    long timedEval(String code) throws IOException {
        long t0 = System.nanoTime();
        String reply = eval(code);
        long elapsed = System.nanoTime() - t0;
        if (reply.contains(":error")) {
            throw new IOException("eval of " + code + " failed: " + reply);
        }
        return elapsed;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
