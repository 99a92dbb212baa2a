package dev.hotline.client.commands;

import dev.hotline.client.connection.Target;
import dev.hotline.client.connection.UnixSocket;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Frames;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = {"Joins standard input and output to a service's native connection, authenticated here with the "
                + "token read on this host, which so never crosses the network.",
                "What ssh HOST hotline bridge --name NAME and kubectl exec -i POD -- hotline bridge --name NAME run on "
                        + "the far side for other commands' --via, ssh:// and kubectl:// targets."})
public final class BridgeCommand implements Callable<Integer> {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        Target target = service.locate().target();
        if (target.via().isPresent()) {
            throw new CliException(ExitCodes.USAGE, "bridge joins a service of this host: name it here, not through"
                    + " --via or ssh:// or kubectl://");
        }
        try (Link link = target.socket().isPresent() ? Link.unix(target) : Link.tcp(target)) {
            if (target.token().isPresent()) {
                link.out().write(Frames.encode(target.token().get()));
                link.out().flush();
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
            copy(link.in(), new FileOutputStream(FileDescriptor.out));
        }
        return ExitCodes.OK;
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

        static Link tcp(Target target) throws CliException, IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
            } catch (ConnectException e) {
                socket.close();
                throw new CliException(ExitCodes.UNREACHABLE, "cannot connect to " + target.address()
                        + ": connection refused (is the service running?)");
            }
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
