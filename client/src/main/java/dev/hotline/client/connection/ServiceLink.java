package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One native connection carrying many requests at once, as a debug adapter and a notebook kernel need: a probe's
 * hits keep arriving while the IDE evaluates and expands, an interrupt goes out while a cell runs. A reader thread hands each reply to the request whose {@code :id} it
 * carries: a call collects its replies into an {@link Answer}; a stream gets each reply as it comes.
 */
public final class ServiceLink implements AutoCloseable {
    private final NativeConnection connection;
    private final Map<Long, Consumer<Plist>> streams = new ConcurrentHashMap<>();
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private final Consumer<String> onEnd;
    private volatile boolean closing;

    /** A call's replies so far and the future its whole answer completes. */
    private record Call(List<Plist> replies, CompletableFuture<Answer> answer, Consumer<Plist> each) {
    }

    /** @param onEnd told why, once, if the connection ends while the link is not being closed */
    public ServiceLink(NativeConnection connection, Consumer<String> onEnd) {
        this.connection = connection;
        this.onEnd = onEnd;
        Thread reader = new Thread(this::read, "hotline-service-link");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends a request; its answer completes when the final reply comes. */
    public CompletableFuture<Answer> call(String op, Plist.Builder arguments) {
        return call(op, arguments, reply -> { });
    }

    /** Sends a request, giving each reply to {@code each} as it comes too (an evaluation's output). */
    public CompletableFuture<Answer> call(String op, Plist.Builder arguments, Consumer<Plist> each) {
        long id = connection.reserveId();
        Call call = new Call(new ArrayList<>(), new CompletableFuture<>(), each);
        calls.put(id, call);
        try {
            connection.send(id, op, arguments);
        } catch (IOException e) {
            calls.remove(id);
            call.answer.completeExceptionally(e);
        }
        return call.answer;
    }

    /**
     * Sends a request whose replies go on (a probe): each reply goes to {@code replies}, the final one too.
     *
     * @return the request's id
     */
    public long stream(String op, Plist.Builder arguments, Consumer<Plist> replies) throws IOException {
        long id = connection.reserveId();
        streams.put(id, replies);
        try {
            connection.send(id, op, arguments);
        } catch (IOException e) {
            streams.remove(id);
            throw e;
        }
        return id;
    }

    private void read() {
        String why = "the service closed the connection";
        try {
            while (true) {
                Plist reply = connection.read(null);
                long id = reply.integer(Wire.ID).orElse(-1L);
                boolean last = reply.keywords(Wire.STATUS).contains(Wire.DONE);
                Consumer<Plist> stream = last ? streams.remove(id) : streams.get(id);
                if (stream != null) {
                    stream.accept(reply);
                    continue;
                }
                Call call = last ? calls.remove(id) : calls.get(id);
                if (call != null) {
                    call.replies.add(reply);
                    call.each.accept(reply);
                    if (last) {
                        call.answer.complete(new Answer(List.copyOf(call.replies)));
                    }
                }
            }
        } catch (IOException | CliException | RuntimeException e) {
            why = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        IOException ended = new IOException("the connection to the service ended: " + why);
        calls.values().forEach(call -> call.answer.completeExceptionally(ended));
        calls.clear();
        streams.clear();
        if (!closing) {
            onEnd.accept(why);
        }
    }

    /** A list inside a reply as a plist; an empty one when it is not (the service sent something malformed). */
    public static Plist plist(Sexp item) {
        try {
            return Plist.from(item);
        } catch (ProtocolException e) {
            return Plist.builder().build();
        }
    }

    @Override
    public void close() {
        closing = true;
        connection.close();
    }
}
