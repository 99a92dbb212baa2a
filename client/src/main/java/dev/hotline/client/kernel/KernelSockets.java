package dev.hotline.client.kernel;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's five ZeroMQ sockets, bound where the connection file says. A ZeroMQ socket belongs to one thread:
 * shell is read and answered by the kernel's main thread, control by its own, the heartbeat by its own; iopub,
 * which every thread publishes on, is guarded by this object's lock. stdin is bound because front ends connect
 * to it, and never read: cells cannot ask for input.
 */
final class KernelSockets implements AutoCloseable {
    /** How long a receive waits before its loop looks whether the kernel is ending. */
    private static final int POLL_MILLIS = 200;

    private final ZContext context = new ZContext();
    final ZMQ.Socket shell;
    final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final MessageCodec codec;

    KernelSockets(ConnectionFile file, MessageCodec codec) {
        this.codec = codec;
        shell = bind(SocketType.ROUTER, file.address(file.shell()));
        control = bind(SocketType.ROUTER, file.address(file.control()));
        iopub = bind(SocketType.PUB, file.address(file.iopub()));
        bind(SocketType.ROUTER, file.address(file.stdin()));
        heartbeat = bind(SocketType.REP, file.address(file.heartbeat()));
    }

    private ZMQ.Socket bind(SocketType type, String address) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(1000);
        socket.setReceiveTimeOut(POLL_MILLIS);
        try {
            socket.bind(address);
        } catch (ZMQException e) {
            throw new IllegalStateException("cannot listen on " + address + " (from the connection file): " + e, e);
        }
        return socket;
    }

    /** The frames of the next message on {@code socket}, or null when none came within the poll interval. */
    static List<byte[]> receive(ZMQ.Socket socket) {
        return receive(socket, 0);
    }

    /** The frames of a message already waiting on {@code socket}, or null when none is. */
    static List<byte[]> receiveWaiting(ZMQ.Socket socket) {
        return receive(socket, ZMQ.DONTWAIT);
    }

    private static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(List.of(first));
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    /** The message in {@code frames}, verified; see {@link MessageCodec#decode}. */
    Optional<JupyterMessage> decode(List<byte[]> frames, Consumer<String> dropped) {
        return codec.decode(frames, dropped);
    }

    /** Answers {@code request} on the socket it came from. Only the thread that reads that socket calls this. */
    void reply(ZMQ.Socket socket, JupyterMessage request, String type, JsonObject content) {
        send(socket, codec.encode(request.identities(), type, request, content));
    }

    /** Publishes on iopub, to every front end listening, as part of the work for {@code parent} (null: none). */
    synchronized void publish(JupyterMessage parent, String type, JsonObject content) {
        byte[] topic = ("kernel." + type).getBytes(StandardCharsets.UTF_8);
        send(iopub, codec.encode(List.of(topic), type, parent, content));
    }

    /** Echoes heartbeats until {@code running} says to stop; on its own thread. */
    void echoHeartbeats(BooleanSupplier running) {
        while (running.getAsBoolean()) {
            byte[] ping = heartbeat.recv(0);
            if (ping != null) {
                heartbeat.send(ping, 0);
            }
        }
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** Closes every socket; after the threads that read them have ended. */
    @Override
    public void close() {
        context.close();
    }
}
