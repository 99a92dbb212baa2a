package dev.hotline.client.commands;

import dev.hotline.client.connection.Target;
import dev.hotline.client.connection.TcpConnect;
import dev.hotline.client.connection.UnixSocket;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.SexpReader;
import dev.hotline.protocol.Wire;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = {"Joins standard input and output to a service's native connection, authenticated here with the "
                + "token read on this host, which so never crosses the network.",
                "What ssh HOST hotline bridge --name NAME and kubectl exec -i POD -- hotline bridge --name NAME run on "
                        + "the far side for other commands' --via, ssh:// and kubectl:// targets.",
                "It tells the service's audit log who it carries: the user it runs as and, under SSH, SSH_CONNECTION."})
public final class BridgeCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        return bridge(service.locate().target());
    }

    /**
     * Joins standard input and output to {@code target}'s connection until the service closes it; the
     * connection's first request (answered here, never forwarded) gives its {@linkplain #origin origin}.
     */
    static int bridge(Target target) throws CliException, IOException {
        if (target.via().isPresent()) {
            throw new CliException(ExitCodes.USAGE, "bridge joins a service of this host: name it here, not through"
                    + " --via or ssh:// or kubectl://");
        }
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        try (Link link = target.socket().isPresent() ? Link.unix(target) : Link.tcp(target)) {
            if (target.token().isPresent()) {
                link.out().write(Frames.encode(target.token().get()));
            }
            link.out().write(Frames.encode(origin(System.getenv()).build().toString()));
            link.out().flush();
            String answer = new FrameReader(link.in(), Frames.DEFAULT_MAX_PAYLOAD).read();
            if (answer == null) {
                return ExitCodes.UNREACHABLE; // the service closed at once: the client sees the end, as without a bridge
            }
            if (Plist.from(SexpReader.DEFAULT.read(answer)).keywords(Wire.STATUS).contains(Wire.AUTH_FAILED)) {
                stdout.write(Frames.encode(answer)); // the client reads the refusal, as it would without a bridge
                return ExitCodes.UNREACHABLE;
            }
            Thread requests = new Thread(() -> {
                try {
                    copy(System.in, link.out());
                    link.endRequests(); // the service answers what it has, then closes
                } catch (IOException e) {
                    // the service closed first: the replies' copy below ends too
                }
            }, "hotline-bridge-requests");
            requests.setDaemon(true);
            requests.start();
            copy(link.in(), stdout);
        }
        return ExitCodes.OK;
    }

    /**
     * The {@code origin} request: the user this bridge runs as and, under SSH, its {@code SSH_CONNECTION}, which the
     * service's audit log records for the requests that follow.
     */
    static Plist.Builder origin(Map<String, String> env) {
        Plist.Builder request = Plist.builder().put(Wire.OP, "origin").put(Wire.ID, 0L)
                .put("user", System.getProperty("user.name"));
        Optional.ofNullable(env.get("SSH_CONNECTION")).ifPresent(ssh -> request.put("ssh-connection", ssh));
        return request;
    }

    /** The connection to the service: its Unix-domain socket when it has one, else its TCP port. */
    private interface Link extends AutoCloseable {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;

        /** No more requests will come. */
        void endRequests() throws IOException;

        @Override
        void close() throws IOException;

        static Link unix(Target target) throws CliException {
            UnixSocket socket = UnixSocket.open(target.socket().get());
            return new Link() {
                @Override
                public InputStream in() {
                    return socket.in();
                }

                @Override
                public OutputStream out() {
                    return socket.out();
                }

                @Override
                public void endRequests() throws IOException {
                    socket.shutdownOutput();
                }

                @Override
                public void close() {
                    socket.close();
                }
            };
        }

        static Link tcp(Target target) throws CliException {
            Socket socket = TcpConnect.open(target);
            return new Link() {
                @Override
                public InputStream in() throws IOException {
                    return socket.getInputStream();
                }

                @Override
                public OutputStream out() throws IOException {
                    return socket.getOutputStream();
                }

                @Override
                public void endRequests() throws IOException {
                    socket.shutdownOutput();
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }
            };
        }
    }

    /** Copies until the end of {@code in}, flushing each read at once: replies stream. */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16384];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }
}
