package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.eval.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One native request and the way to answer it. Every reply echoes the request's {@code :id} (and
 * {@code :session} when the request named one), so a client can match replies to requests.
 */
public final class Request {
    private final Plist message;
    private final ClientConnection connection;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    public Request(Plist message, ClientConnection connection) {
        this.message = message;
        this.connection = connection;
        connection.requestStarted();
    }

    public ClientConnection connection() {
        return connection;
    }

    /** The request as sent. */
    public Plist message() {
        return message;
    }

    public Optional<String> string(String key) {
        return message.string(key);
    }

    /** A required string argument. */
    public String required(String key) throws BadRequestException {
        return message.string(key).orElseThrow(() -> new BadRequestException(
                "op " + message.string(Wire.OP).orElse("?") + " needs :" + key));
    }

    /** A required cursor position within {@code code}: {@code :cursor}, or the end of the code when absent. */
    public int cursor(String code) throws BadRequestException {
        long cursor = message.integer("cursor").orElse((long) code.length());
        if (cursor < 0 || cursor > code.length()) {
            throw new BadRequestException(":cursor " + cursor + " is outside the code (0 to " + code.length() + ")");
        }
        return (int) cursor;
    }

    /**
     * Runs {@code work} on the request's session worker; if an interrupt abandons it, the request ends as
     * interrupted.
     */
    public void onSession(java.util.function.Consumer<Session.Evaluation> work) throws BadRequestException {
        session().submit(work, reason -> fail(Wire.INTERRUPTED, reason, Plist.builder())).exceptionally(e -> {
            fail(Wire.SERVER_ERROR, "failed inside Hotline: " + e.getCause(), Plist.builder());
            return null;
        });
    }

    /** The session named by {@code :session}, or {@code main}. */
    public Session session() throws BadRequestException {
        return connection.session(message.string(Wire.SESSION).orElse(null));
    }

    /** Sends an intermediate reply; more will follow. Ignored once the request has ended. */
    public void send(Plist.Builder reply) {
        if (!finished.get()) {
            connection.send(envelope(reply).build().toSexp());
        }
    }

    /** Sends the final reply: {@code :status (:done)} plus what {@code reply} holds. Only the first final reply counts. */
    public void done(Plist.Builder reply) {
        if (finished.compareAndSet(false, true)) {
            connection.sendFinal(envelope(reply).put(Wire.STATUS, statusList(Wire.DONE)).build().toSexp(), () -> { });
        }
    }

    /** Sends the final reply, then runs {@code afterSent} once it has left. */
    public void done(Plist.Builder reply, Runnable afterSent) {
        if (finished.compareAndSet(false, true)) {
            connection.sendFinal(envelope(reply).put(Wire.STATUS, statusList(Wire.DONE)).build().toSexp(), afterSent);
        }
    }

    /**
     * Sends the final reply for a failure: {@code :status (:error KIND :done) :message MESSAGE}. Only the first
     * final reply counts, so an evaluation abandoned after an interrupt cannot answer twice.
     */
    public void fail(String kind, String message, Plist.Builder extra) {
        if (finished.compareAndSet(false, true)) {
            connection.sendFinal(envelope(extra)
                    .put(Wire.STATUS, statusList(Wire.ERROR, kind, Wire.DONE))
                    .put(Wire.MESSAGE, message)
                    .build().toSexp(), () -> { });
        }
    }

    private Plist.Builder envelope(Plist.Builder reply) {
        Plist body = reply.build();
        Plist.Builder out = Plist.builder();
        message.get(Wire.ID).ifPresent(id -> out.put(Wire.ID, id));
        message.get(Wire.SESSION).ifPresent(s -> out.put(Wire.SESSION, s));
        body.asMap().forEach(out::put);
        return out;
    }

    static Sexp statusList(String... keywords) {
        List<Sexp> items = new ArrayList<>();
        for (String k : keywords) {
            items.add(Sexp.kw(k));
        }
        return Sexp.list(items);
    }
}
