package dev.hotline.client.repl;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.CliException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A native connection shared by the REPL's threads: requests go out from any thread, and a reader thread
 * hands each reply to the queue of the request it answers ({@code :id}), so the REPL can send an interrupt
 * while an eval's output is still streaming in.
 */
public final class ReplConnection implements AutoCloseable {
    /** Put in every waiting queue when the connection ends. */
    public static final Plist CLOSED = Wire.failed(Plist.builder(), "closed", "the connection to the service was lost").build();

    private final NativeConnection connection;
    private final Map<Long, BlockingQueue<Plist>> waiting = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile java.util.function.Consumer<Plist> events = event -> { };

    public ReplConnection(NativeConnection connection) {
        this.connection = connection;
        Thread reader = new Thread(this::readReplies, "hotline-repl-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends a request; its replies arrive on the returned queue, the last one with {@code :done}. The queue is
     * registered before the request leaves, so even an immediate reply finds it.
     */
    BlockingQueue<Plist> send(String op, Plist.Builder arguments) throws IOException {
        BlockingQueue<Plist> queue = new LinkedBlockingQueue<>();
        synchronized (this) {
            if (closed) {
                queue.add(CLOSED);
                return queue;
            }
            long id = connection.reserveId();
            waiting.put(id, queue);
            connection.send(id, op, arguments);
        }
        return queue;
    }

    /** Sends a request and waits for its final reply (intermediate ones are dropped). */
    public Plist call(String op, Plist.Builder arguments) throws IOException, InterruptedException {
        BlockingQueue<Plist> queue = send(op, arguments);
        while (true) {
            Plist reply = queue.poll(60, TimeUnit.SECONDS);
            if (reply == null) {
                throw new IOException(op + " got no answer within 60 s");
            }
            if (isFinal(reply)) {
                return reply;
            }
        }
    }

    /** Where messages the service pushes on its own ({@code :event}, such as a watched reload) go. */
    void onEvent(java.util.function.Consumer<Plist> listener) {
        this.events = listener;
    }

    static boolean isFinal(Plist reply) {
        return reply.keywords(Wire.STATUS).contains(Wire.DONE);
    }

    private void readReplies() {
        try {
            while (true) {
                Plist reply = connection.read(null);
                if (reply.has("event")) {
                    events.accept(reply);
                    continue;
                }
                long id = reply.integer(Wire.ID).orElse(-1L);
                BlockingQueue<Plist> queue = waiting.get(id);
                if (queue != null) {
                    queue.add(reply);
                    if (isFinal(reply)) {
                        waiting.remove(id);
                    }
                }
            }
        } catch (IOException | CliException e) {
            synchronized (this) {
                closed = true;
                List.copyOf(waiting.values()).forEach(q -> q.add(CLOSED));
                waiting.clear();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        connection.close();
    }
}
