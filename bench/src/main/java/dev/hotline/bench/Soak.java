package dev.hotline.bench;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.CliException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A soak: for a bounded time, everything Hotline does to a service, over and over and at once, as an hour of
 * use would: evaluations (repeated and new), traces and logpoints on the greeter's request path while HTTP
 * requests run through it, hot reloads that swap the greeting back and forth, and connections that come and go.
 * Before and after, the service's heap after a collection, its threads and its file descriptors; the goal is
 * the same figures at the end as at the start, within 5%. Used by bench/load.sh.
 */
public final class Soak {
    private static final String GREETER = "dev.hotline.samples.greeter.Greeter";
    private static final String PLACE = "dev.hotline.samples.greeter.GreeterService:79";

    private final Path runDir;
    private final String name;
    private final int httpPort;
    private final List<Path> variants;
    private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private static final int WARM_UP_SECONDS = 15;

    private volatile boolean running;

    /** @param variants two directories of Greeter's class files, reloaded in turn */
    public Soak(Path runDir, String name, int httpPort, List<Path> variants) {
        this.runDir = runDir;
        this.name = name;
        this.httpPort = httpPort;
        this.variants = variants;
    }

    /**
     * Runs the mix once for {@link #WARM_UP_SECONDS}, so that what Hotline starts on first use (the compile host,
     * the probes' machinery, the HTTP server's threads) is there at the start; then takes the figures, runs the
     * mix for {@code seconds}, and takes them again. Returns the report: what ran, the figures at start and end,
     * and the threads that were not there at the start.
     */
    public String run(int seconds) throws Exception {
        mix(WARM_UP_SECONDS);
        done.clear();
        failed.clear();
        Figures before = figures();
        mix(seconds);
        Thread.sleep(5000); // ended traces and probes restore their classes; closed connections are let go
        Figures after = figures();
        StringBuilder report = new StringBuilder();
        done.keySet().stream().sorted().forEach(kind -> report.append(String.format(Locale.ROOT, "%-18s %8d done, %d"
                + " failed%n", kind, done.get(kind).get(), failed.getOrDefault(kind, new AtomicLong()).get())));
        report.append(before.compare("heap after GC (KB)", before.heapKb, after.heapKb));
        report.append(before.compare("threads", before.threads.size(), after.threads.size()));
        report.append(before.compare("file descriptors", before.fds, after.fds));
        List<String> added = new ArrayList<>(after.threads);
        before.threads.forEach(added::remove);
        if (!added.isEmpty()) {
            report.append("threads at the end that were not there at the start: ").append(added).append('\n');
        }
        return report.toString();
    }

    /** The service's heap in use after a collection, its threads by name, and its open file descriptors. */
    private record Figures(long heapKb, List<String> threads, long fds) {
        String compare(String what, long start, long end) {
            double change = start == 0 ? 0 : 100.0 * (end - start) / start;
            return String.format(Locale.ROOT, "%-18s start %7d  end %7d  (%+.1f%%, goal within 5%%: %s)%n", what,
                    start, end, change, Math.abs(change) <= 5 ? "met" : "NOT MET");
        }
    }

    private void mix(int seconds) throws Exception {
        running = true;
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<?>> workers = new ArrayList<>();
        workers.add(pool.submit(() -> repeat("http", this::greet)));
        workers.add(pool.submit(() -> repeat("http", this::greet)));
        workers.add(pool.submit(() -> onConnection("eval", c -> eval(c, "Integer.toHexString(255)"))));
        AtomicLong fresh = new AtomicLong();
        workers.add(pool.submit(() -> onConnection("new expression", c -> eval(c, "\"soak\".repeat(1) + "
                + fresh.incrementAndGet()))));
        workers.add(pool.submit(() -> onConnection("trace", c -> ask(c, "trace", Plist.builder()
                .put("spec", GREETER + "::greet").put("count", 20).put("seconds", 2)))));
        workers.add(pool.submit(() -> onConnection("logpoint", c -> ask(c, "probe", Plist.builder()
                .put("place", PLACE).put("message", "greeted {name}").put("count", 20).put("seconds", 2)))));
        AtomicLong turn = new AtomicLong();
        workers.add(pool.submit(() -> onConnection("reload", c -> {
            Thread.sleep(500);
            ask(c, "reload", Plist.builder().put("paths", Sexp.list(Sexp.str(
                    variants.get((int) (turn.incrementAndGet() % 2)).toString()))));
        })));
        workers.add(pool.submit(() -> repeat("connect and close", () -> {
            try (NativeConnection c = Evaluations.connect(runDir, name)) {
                eval(c, "1+1");
            }
            try (Socket s = new Socket("127.0.0.1", port())) {
                s.getOutputStream().write("hl_".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        })));
        Thread.sleep(seconds * 1000L);
        running = false;
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    /** One action, as a worker repeats it. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** One action on a connection of the worker's own. */
    @FunctionalInterface
    private interface OnConnection {
        void run(NativeConnection connection) throws Exception;
    }

    private Void repeat(String kind, Action action) {
        while (running) {
            try {
                action.run();
                done.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            } catch (Exception e) {
                failed.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            }
        }
        return null;
    }

    private Void onConnection(String kind, OnConnection action) throws IOException {
        try (NativeConnection connection = Evaluations.connect(runDir, name)) {
            return repeat(kind, () -> action.run(connection));
        }
    }

    private void greet() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/greet?name=soak")
                .toURL().openConnection();
        int code = c.getResponseCode();
        c.getInputStream().readAllBytes();
        if (code != 200) {
            throw new IOException("HTTP " + code);
        }
    }

    private static void eval(NativeConnection connection, String code) throws IOException {
        Answer answer = Evaluations.answer(connection, null, code);
        if (answer.failed()) {
            throw new IOException(answer.message().orElse("failed"));
        }
    }

    private static void ask(NativeConnection connection, String op, Plist.Builder request) throws IOException {
        try {
            Answer answer = connection.call(op, request, Duration.ofSeconds(30));
            if (answer.failed()) {
                throw new IOException(op + ": " + answer.message().orElse("failed"));
            }
        } catch (CliException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The figures, with every session recycled first so that their bounded histories of snippets do not count. */
    private Figures figures() throws IOException {
        try (NativeConnection probe = Evaluations.connect(runDir, name)) {
            // A session keeps up to recycle-after (1,000) snippets, a saw-tooth of megabytes: start each afresh
            for (String session : status(probe).strings("sessions")) {
                ask(probe, "command", Plist.builder().put(Wire.SESSION, session).put("line", "/recycle"));
                Evaluations.value(probe, session, "0");
            }
            long pid = Long.parseLong(Evaluations.value(probe, "soak-figures", "ProcessHandle.current().pid()"));
            String heap = Evaluations.value(probe, "soak-figures", "System.gc(); System.gc();"
                    + " java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 10");
            String threads = Evaluations.value(probe, "soak-figures", "String.join(\"\\n\", Thread.getAllStackTraces()"
                    + ".keySet().stream().map(t -> t.getName().replaceAll(\"[0-9]+\", \"N\")).sorted().toList())");
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                fds = open.count();
            }
            return new Figures(Long.parseLong(heap), List.of(threads.replaceAll("^\"|\"$", "").split("\\\\n")), fds);
        }
    }

    private static Plist status(NativeConnection connection) throws IOException {
        try {
            return connection.call("status", Plist.builder(), Duration.ofSeconds(30)).last();
        } catch (CliException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private int port() throws IOException {
        return Integer.parseInt(Files.readString(runDir.resolve(name + ".port")).strip());
    }
}
