package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import dev.hotline.server.eval.Session;
import dev.hotline.server.exchange.Exchange;
import dev.hotline.server.exchange.OutputTarget;
import dev.hotline.server.service.Service;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One native request, the native dialect's {@link Exchange}: replies are plists that echo the request's
 * {@code :id} (and {@code :session} when the request named one), so a client can match replies to requests;
 * output streams as {@code :out}/{@code :err}; the final reply carries {@code :status (:done)} or
 * {@code (:error KIND :done)}.
 */
public final class Request extends Exchange {
    private final Plist message;
    private final ClientConnection connection;

    Request(Plist message, ClientConnection connection) {
        super(connection.channel());
        this.message = message;
        this.connection = connection;
    }

    /** The request as sent. */
    public Plist message() {
        return message;
    }

    public ClientConnection connection() {
        return connection;
    }

    /** The service the request is for. */
    public Service service() {
        return connection.service();
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

    /** Runs {@code work} on the request's session worker (see {@link Session#run}). */
    public void onSession(Consumer<Session.Evaluation> work) throws BadRequestException {
        session().run(this, work);
    }

    /** The session named by {@code :session}, or {@code main}. */
    public Session session() throws BadRequestException {
        return connection.session(message.string(Wire.SESSION).orElse(null));
    }

    /** Sends an intermediate reply; more will follow. Ignored once the request has ended. */
    public void send(Plist.Builder reply) {
        send(envelope(reply).build().toSexp());
    }

    /** Writes an intermediate reply without sending it yet; {@link #flush} sends it. Ignored once the request has ended. */
    public void write(Plist.Builder reply) {
        write(envelope(reply).build().toSexp());
    }

    /** Sends the final reply: {@code :status (:done)} plus what {@code reply} holds. Only the first final reply counts. */
    public void done(Plist.Builder reply) {
        done(reply, () -> { });
    }

    /** Sends the final reply, then runs {@code afterSent} once it has left. */
    public void done(Plist.Builder reply, Runnable afterSent) {
        finish(envelope(reply).put(Wire.STATUS, Wire.doneStatus()).build().toSexp(), afterSent);
    }

    /**
     * Sends the final reply for a failure: {@code :status (:error KIND :done) :message MESSAGE}. Only the first
     * final reply counts, so an evaluation abandoned after an interrupt cannot answer twice.
     */
    public void fail(String kind, String message, Plist.Builder extra) {
        finish(Wire.failed(envelope(extra), kind, message).build().toSexp(), () -> { });
    }

    @Override
    protected void writeOutput(OutputTarget.Stream stream, String text) {
        send(Plist.builder().put(stream == OutputTarget.Stream.OUT ? Wire.OUT : Wire.ERR, text));
    }

    @Override
    protected String dialect() {
        return "native";
    }

    @Override
    protected void refuse(String message) {
        fail(Wire.FORBIDDEN, message, Plist.builder());
    }

    @Override
    public void abandoned(String reason) {
        fail(Wire.INTERRUPTED, reason, Plist.builder());
    }

    @Override
    public void failed(String message) {
        fail(Wire.SERVER_ERROR, message, Plist.builder());
    }

    private Plist.Builder envelope(Plist.Builder reply) {
        Plist.Builder out = Plist.builder();
        message.get(Wire.ID).ifPresent(id -> out.put(Wire.ID, id));
        message.get(Wire.SESSION).ifPresent(s -> out.put(Wire.SESSION, s));
        reply.build().asMap().forEach(out::put);
        return out;
    }
}
