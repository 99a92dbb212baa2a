package dev.hotline.client;

import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.SexpReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The workload the CLI's start-up archive is trained on: the commands people run most, each once, in one JVM, so
 * that the archive ({@code -XX:ArchiveClassesAtExit}, or on JDK 25 the AOT cache, {@code -XX:AOTCacheOutput}) holds
 * every class they load. {@code ./hotline} and {@code bin/hotline} run it when they make the archive, before the
 * user's own command: an archive written by whatever ran first after a build held only that command's classes.
 *
 * <p>{@code eval} needs a service to answer. A stand-in does, here in this JVM, on a loopback port and on a Unix
 * socket in a temporary run directory: it answers every request the way a service answers {@code 1+1}. It exists
 * to load the classes of the client's whole path (connect, token, frames, replies, printing), not to be tested.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path run = Files.createTempDirectory("hotline-training");
        try (ServerSocket tcp = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(run.resolve("training.sock")));
            Files.writeString(run.resolve("training.port"), tcp.getLocalPort() + "\n");
            Files.writeString(run.resolve("training.token"), "hl_training\n");
            answerForever("hotline-training-tcp", () -> {
                Socket s = tcp.accept();
                return new Connection(s.getInputStream(), s.getOutputStream(), true, s);
            });
            answerForever("hotline-training-unix", () -> {
                SocketChannel c = unix.accept();
                return new Connection(Channels.newInputStream(c), Channels.newOutputStream(c), false, c);
            });
            Hotline.run("eval", "--dir", run.toString(), "--name", "training", "1+1");
            Hotline.run("eval", "--port-file", run.resolve("training.port").toString(), "1+1");
            Hotline.run("eval", "--json", "--dir", run.toString(), "--name", "training", "1+1");
            Hotline.run("--version");
            Hotline.run("--help");
            Hotline.run("status", "--dir", run.toString(), "--name", "training");
        } finally {
            try (Stream<Path> files = Files.walk(run)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** A connection's two directions; over TCP the token comes first. */
    private record Connection(InputStream in, OutputStream out, boolean tokenFirst, Closeable channel) { }

    private interface Connections {
        Connection next() throws IOException;
    }

    /** Answers one connection after another, on a daemon thread, until the server is closed. */
    private static void answerForever(String name, Connections connections) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Connection c = connections.next();
                    try (Closeable channel = c.channel()) {
                        answer(c.in(), c.out(), c.tokenFirst());
                    }
                }
            } catch (IOException closed) {
                // training is over
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** A service's answers to {@code 1+1}, to every request of one connection. */
    private static void answer(InputStream in, OutputStream out, boolean tokenFirst) throws IOException {
        FrameReader frames = new FrameReader(in, Frames.DEFAULT_MAX_PAYLOAD);
        if (tokenFirst) {
            frames.read();
        }
        String payload;
        while ((payload = frames.read()) != null) {
            long id = Plist.from(SexpReader.DEFAULT.read(payload)).integer("id").orElse(0L);
            out.write(Frames.encode("(:id " + id + " :value \"2\" :type \"int\")"));
            out.write(Frames.encode("(:id " + id + " :status (:done))"));
            out.flush();
        }
    }
}
