package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.SexpReader;
import dev.hotline.protocol.Wire;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A blocking native-protocol connection: what {@code hotline eval} needs and nothing more (no Netty), so a
 * one-shot command starts fast. It runs over a TCP socket, sending the token as the first frame when there is
 * one, over the service's Unix-domain socket (no token: only its user may connect), or over the standard input
 * and output of a command ({@link Target#via}) that is already authenticated on the service's side.
 */
public final class NativeConnection implements AutoCloseable {

    private final Transport transport;
    private final OutputStream out;
    private final String address;
    private final boolean tokenGiven;
    private long nextId = 1;

    private NativeConnection(Transport transport, String address, boolean tokenGiven) {
        this.transport = transport;
        this.address = address;
        this.tokenGiven = tokenGiven;
        this.out = new BufferedOutputStream(transport.out());
    }

    public static NativeConnection open(Target target) throws CliException {
        if (target.via().isPresent()) {
            return new NativeConnection(Transport.ofCommand(target.via().get()), target.address(), false);
        }
        if (target.socket().isPresent()) {
            return new NativeConnection(Transport.ofUnixSocket(target.socket().get()), target.address(), false);
        }
        String address = target.address();
        Socket socket = TcpConnect.open(target);
        try {
            NativeConnection connection = new NativeConnection(Transport.ofSocket(socket), address,
                    target.token().isPresent());
            if (target.token().isPresent()) {
                connection.out.write(Frames.encode(target.token().get()));
            }
            return connection;
        } catch (IOException e) {
            Transport.closeQuietly(socket);
            throw new CliException(ExitCodes.UNREACHABLE, "cannot connect to " + address + ": " + e.getMessage());
        }
    }

    /** Sends {@code (:op OP :id N ...)} with a fresh N and returns N. */
    public long send(String op, Plist.Builder arguments) throws IOException {
        long id = reserveId();
        send(id, op, arguments);
        return id;
    }

    /**
     * Sends a request and reads every reply to it, up to its final one, waiting at most {@code timeout} for
     * each (null: forever).
     */
    public Answer call(String op, Plist.Builder arguments, Duration timeout) throws IOException, CliException {
        long id = send(op, arguments);
        return Answer.collect(() -> read(timeout), id);
    }

    /** Evaluates {@code code} in {@code session} ({@code main} when null) and returns the whole answer. */
    public Answer eval(String session, String code) throws IOException, CliException {
        Plist.Builder arguments = Plist.builder().put(Wire.CODE, code);
        if (session != null) {
            arguments.put(Wire.SESSION, session);
        }
        return call("eval", arguments, null);
    }

    /** An id no request of this connection has used; lets a caller get ready for replies before sending. */
    public synchronized long reserveId() {
        return nextId++;
    }

    /** Where the service is, as messages name it: {@code unix:/run/orders/orders.sock}, {@code 127.0.0.1:4711}. */
    public String address() {
        return address;
    }

    /** Sends {@code (:op OP :id ID ...)}. Safe from several threads. */
    public synchronized void send(long id, String op, Plist.Builder arguments) throws IOException {
        Plist.Builder request = Plist.builder().put(Wire.OP, op).put(Wire.ID, id);
        arguments.build().asMap().forEach(request::put);
        out.write(Frames.encode(request.build().toString()));
        out.flush();
    }

    /**
     * Reads the next reply, waiting at most {@code timeout} (null: forever).
     *
     * @throws SocketTimeoutException when the time is up
     * @throws CliException when the service refused the token or closed the connection
     */
    public Plist read(Duration timeout) throws IOException, CliException {
        String payload = transport.read(timeout);
        if (payload == null) {
            throw new CliException(ExitCodes.UNREACHABLE, transport.endedEarly(address));
        }
        Plist reply = Plist.from(SexpReader.DEFAULT.read(payload));
        if (reply.keywords(Wire.STATUS).contains(Wire.AUTH_FAILED)) {
            throw new CliException(ExitCodes.UNREACHABLE, tokenGiven
                    ? "the service at " + address + " refused the token: either the port file is stale and this port"
                            + " is now another service's, or the token file is not this service's; nothing was sent"
                            + " beyond the token (check --port-file and --token-file, or the .token file beside the"
                            + " port file)"
                    : "no token given for " + address + ", which asks for one: use --token-file");
        }
        return reply;
    }

    @Override
    public void close() {
        transport.close();
    }
}
