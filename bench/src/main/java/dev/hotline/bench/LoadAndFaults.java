package dev.hotline.bench;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.RunDirectory;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many connections at once mixing well-formed evaluations, garbage, and clients that vanish in the middle of
 * an evaluation, while the greeter serves HTTP. Then, once things settle, the service's thread count and heap
 * (after a collection) are compared with before. Every well-formed request must be answered.
 * Used by bench/load.sh (64 connections) and by the end-to-end LoadTest (fewer).
 */
public final class LoadAndFaults {
    /** What happened; {@code lost} counts well-formed requests that got no final reply. */
    public record Result(long evals, long answered, long lost, long garbage, long vanished, long refused,
            long httpRequests,
            long httpErrors, long threadsBefore, long threadsAfter, long heapBeforeMb, long heapAfterMb) {

        public String line() {
            return String.format(java.util.Locale.ROOT, "evals %d, answered %d, lost %d; garbage connections %d;"
                    + " clients vanished mid-eval %d (refused at max-connections %d); HTTP requests %d, errors %d;"
                    + " threads %d -> %d; heap %d -> %d MB", evals, answered, lost, garbage, vanished, refused,
                    httpRequests, httpErrors, threadsBefore, threadsAfter,
                    heapBeforeMb, heapAfterMb);
        }
    }

    private static final String SLOW_SESSION = "slow";

    private final Path runDir;
    private final String name;
    private final int httpPort;
    private final AtomicLong evals = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong garbage = new AtomicLong();
    private final AtomicLong vanished = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong httpRequests = new AtomicLong();
    private final AtomicLong httpErrors = new AtomicLong();

    public LoadAndFaults(Path runDir, String name, int httpPort) {
        this.runDir = runDir;
        this.name = name;
        this.httpPort = httpPort;
    }

    /** Runs {@code connections} clients for {@code rounds} actions each. */
    public Result run(int connections, int rounds) throws Exception {
        try (NativeConnection warmUp = Evaluations.connect(runDir, name)) {
            Evaluations.value(warmUp, SLOW_SESSION, "0"); // the vanishing clients' session exists in the baseline too
        }
        long[] before = threadsAndHeap();
        ExecutorService pool = Executors.newFixedThreadPool(connections + 1);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long seed = c;
            clients.add(pool.submit(() -> client(new Random(seed), rounds)));
        }
        Future<?> http = pool.submit(() -> http(clients));
        for (Future<?> f : clients) {
            f.get();
        }
        http.get();
        pool.shutdown();
        Thread.sleep(2000);
        long[] after = threadsAndHeap();
        return new Result(evals.get(), answered.get(), evals.get() - answered.get(), garbage.get(), vanished.get(),
                refused.get(), httpRequests.get(), httpErrors.get(), before[0], after[0], before[1], after[1]);
    }

    private Void client(Random random, int rounds) throws Exception {
        try (NativeConnection connection = Evaluations.connect(runDir, name)) {
            for (int i = 0; i < rounds; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> garbage(random);
                    case 1 -> vanish();
                    default -> {
                        evals.incrementAndGet();
                        Answer answer = Evaluations.answer(connection, null, "Integer.toHexString(" + random.nextInt(16) + ")");
                        if (!answer.failed()) {
                            answered.incrementAndGet();
                        }
                    }
                }
            }
        }
        return null;
    }

    /** A connection that sends random bytes (sometimes a frame header first) and closes. */
    private void garbage(Random random) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            OutputStream out = socket.getOutputStream();
            if (random.nextBoolean()) {
                out.write("00ffff".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            out.write(noise);
            out.flush();
        } catch (IOException e) {
            // the server may close a connection as soon as it sees garbage: that is its answer
        }
        garbage.incrementAndGet();
    }

    /** A client that starts an evaluation in session {@code slow} and disconnects without waiting for it. */
    private void vanish() {
        try (NativeConnection connection = Evaluations.connect(runDir, name)) {
            connection.send("eval", Plist.builder().put(Wire.SESSION, SLOW_SESSION)
                    .put(Wire.CODE, "Thread.sleep(20); System.out.println(42)"));
            vanished.incrementAndGet();
        } catch (IOException e) {
            refused.incrementAndGet(); // max-connections reached: the server's answer, not a lost request
        }
    }

    private Void http(List<Future<?>> clients) {
        while (clients.stream().anyMatch(f -> !f.isDone())) {
            httpRequests.incrementAndGet();
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/greet?name=load")
                        .toURL().openConnection();
                if (c.getResponseCode() != 200) {
                    httpErrors.incrementAndGet();
                }
                c.getInputStream().readAllBytes();
                c.disconnect();
            } catch (IOException e) {
                httpErrors.incrementAndGet();
            }
        }
        return null;
    }

    /** The service's live thread count and heap in use after a collection, asked in a session of their own. */
    private long[] threadsAndHeap() throws IOException {
        try (NativeConnection probe = Evaluations.connect(runDir, name)) {
            String threads = Evaluations.value(probe, null, "java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount()");
            String heap = Evaluations.value(probe, null, "System.gc(); System.gc(); java.lang.management.ManagementFactory"
                    + ".getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20");
            return new long[] {Long.parseLong(threads), Long.parseLong(heap)};
        }
    }

    private int port() throws IOException {
        return Integer.parseInt(Files.readString(new RunDirectory(runDir, name).portFile()).strip());
    }
}
