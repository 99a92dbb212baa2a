package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** What a {@link NativeConnection} runs over: a TCP socket, a Unix-domain socket, or a command's standard input and output. */
abstract class Transport {
    /** Replies can carry large values; the server's own limit on requests does not apply to them. */
    static final int MAX_REPLY = Frames.MAX_ENCODABLE;

    /** Where requests go. */
    abstract OutputStream out();

    /**
     * The next frame's payload, waiting at most {@code timeout} (null: forever); null when the connection has
     * ended.
     *
     * @throws SocketTimeoutException when the time is up
     */
    abstract String read(Duration timeout) throws IOException;

    /** Why the connection ended before an answer came, for the user. */
    abstract String endedEarly(String address);

    abstract void close();

    static Transport ofSocket(Socket socket) throws IOException {
        FrameReader reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), MAX_REPLY);
        OutputStream out = socket.getOutputStream();
        return new Transport() {
            @Override
            OutputStream out() {
                return out;
            }

            @Override
            String read(Duration timeout) throws IOException {
                socket.setSoTimeout(timeout == null ? 0 : (int) Math.max(1, timeout.toMillis()));
                return reader.read();
            }

            @Override
            String endedEarly(String address) {
                return "the service at " + address + " closed the connection before answering";
            }

            @Override
            void close() {
                closeQuietly(socket);
            }
        };
    }

    /** The service's Unix-domain socket; a thread reads it, so that a read can time out. */
    static Transport ofUnixSocket(Path path) throws CliException {
        UnixSocket socket = UnixSocket.open(path);
        return ofStreams(socket.in(), socket.out(), "hotline-socket-reader",
                address -> "the service at " + address + " closed the connection before answering", socket::close);
    }

    /**
     * Runs {@code command}, whose standard output carries the service's replies and whose standard input takes
     * the requests; its standard error is the user's, so what it says about a failure reaches them. A thread
     * reads its output, so that a read can time out.
     */
    static Transport ofCommand(List<String> command) throws CliException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        return ofStreams(process.getInputStream(), process.getOutputStream(), "hotline-via-reader", address -> {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return address + " ended before the service answered"
                    + (process.isAlive() ? "" : " (exit status " + process.exitValue() + ")") + "; what it said is above";
        }, () -> {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (IOException | InterruptedException e) {
                process.destroy();
            }
        });
    }

    /**
     * Frames read from {@code input} by a thread of its own into a queue, so that a read can time out whatever the
     * stream is; requests written to {@code output}.
     */
    private static Transport ofStreams(InputStream input, OutputStream output, String readerName,
            Function<String, String> endedEarly, Runnable close) {
        BlockingQueue<Optional<String>> frames = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            FrameReader in = new FrameReader(new BufferedInputStream(input), MAX_REPLY);
            try {
                for (String payload = in.read(); payload != null; payload = in.read()) {
                    frames.add(Optional.of(payload));
                }
            } catch (IOException | UncheckedIOException e) {
                // ends like the end of the output
            }
            frames.add(Optional.empty());
        }, readerName);
        reader.setDaemon(true);
        reader.start();
        return new Transport() {
            @Override
            OutputStream out() {
                return output;
            }

            @Override
            String read(Duration timeout) throws IOException {
                try {
                    Optional<String> next = timeout == null ? frames.take()
                            : frames.poll(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                    if (next == null) {
                        throw new SocketTimeoutException("no reply within " + timeout.toMillis() + " ms");
                    }
                    if (next.isEmpty()) {
                        frames.add(next); // every later read ends too
                    }
                    return next.orElse(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for a reply", e);
                }
            }

            @Override
            String endedEarly(String address) {
                return endedEarly.apply(address);
            }

            @Override
            void close() {
                close.run();
            }
        };
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
