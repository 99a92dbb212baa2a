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
 */
final class ConcurrentClients {
    private ConcurrentClients() {
    }

    /** @return {@code EVALS_PER_SECOND P50 P99 ERRORS} */
    static String measure(Path runDir, String name, int clients, int evals) throws Exception {
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
