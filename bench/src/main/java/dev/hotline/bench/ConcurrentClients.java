package dev.hotline.bench;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many clients at once, each on its own connection to session main, each evaluating its own expression
 * repeatedly (so each is compiled once, as when many scripts poll a service).
 *
 * <p>The clients' own code is warmed up first, untimed: the figure is about the service, and on two cores a
 * client JVM still interpreting or compiling its reply parsing (70 µs a reply at first, 1.5 µs once compiled) takes
 * the CPU the service needs.
 */
final class ConcurrentClients {
    private static final int CLIENT_WARM_UP_EVALS = 5000;

    private ConcurrentClients() {
    }

    /** @return {@code EVALS_PER_SECOND P50 P99 ERRORS} */
    static String measure(Path runDir, String name, int clients, int evals) throws Exception {
        try (NativeConnection warmUp = Evaluations.connect(runDir, name)) {
            for (int i = 0; i < CLIENT_WARM_UP_EVALS; i++) {
                Evaluations.answer(warmUp, null, "Integer.toHexString(" + i % clients + ")");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger errors = new AtomicInteger();
        long[] nanos = new long[clients * evals];
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                try (NativeConnection connection = Evaluations.connect(runDir, name)) {
                    for (int i = 0; i < evals; i++) {
                        long t = System.nanoTime();
                        Answer answer = Evaluations.answer(connection, null, "Integer.toHexString(" + client + ")");
                        nanos[client * evals + i] = System.nanoTime() - t;
                        if (answer.failed()) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.addAndGet(evals);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        Percentiles p = new Percentiles(nanos);
        return String.format(java.util.Locale.ROOT, "%.0f %.3f %.3f %d", clients * evals / seconds, p.p50(), p.p99(),
                errors.get());
    }
}
