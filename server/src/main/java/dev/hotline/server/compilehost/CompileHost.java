package dev.hotline.server.compilehost;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The compile host: a JVM beside the service that runs JShell's front end (javac and its analysis) for the
 * service's sessions, so that javac's classes, memory and garbage stay out of the service. The agent starts it
 * ({@link HostProcess}) with the service's JDK, as {@code java -cp hotline-agent.jar
 * dev.hotline.agent.CompileHostMain SOCKET}.
 *
 * <p>It listens on a private Unix socket ({@code RUNDIR/NAME.compiler}, mode 0600 in the 0700 run directory):
 * each connection is one session of the service ({@link HostSession}). It exits when its standard input ends
 * (the service is gone, however it went) or when the service stops it (idle); the service starts it again on its
 * next request. It holds nothing that is not rebuilt from the service.
 */
public final class CompileHost {
    private CompileHost() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompileHost SOCKET (the agent starts it; see compile=host)");
            System.exit(2);
        }
        Path socket = Path.of(args[0]);
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(socket)));
        daemon("hotline-compile-host-parent", () -> exitWhenInputEnds(System.in));
        int sessions = 0;
        while (true) {
            SocketChannel connection = server.accept();
            daemon("hotline-compile-session-" + ++sessions, new HostSession(new HostWire(connection)));
        }
    }

    /** The service holds the other end of standard input: when it ends, however the service went, so does the host. */
    private static void exitWhenInputEnds(InputStream in) {
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // nothing is ever sent; reading only waits for the end
            }
        } catch (IOException e) {
            // the pipe broke: the service is gone
        }
        System.exit(0);
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private static void deleteQuietly(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the run directory went first
        }
    }
}
