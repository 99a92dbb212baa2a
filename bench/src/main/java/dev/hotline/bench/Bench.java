package dev.hotline.bench;

import dev.hotline.client.connection.NativeConnection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The in-process measurements of bench/run.sh, one per sub-command, each printing one line of numbers
 * (milliseconds unless said otherwise) for the script to put in its table:
 * <pre>
 *   repeat RUNDIR NAME CODE WARMUP N      p50 p99 of evaluating CODE over the native protocol
 *   distinct RUNDIR NAME N                p50 p99 of N expressions never evaluated before
 *   evals RUNDIR NAME FROM N              evaluates N distinct expressions (for memory figures); prints seconds
 *   stock CODE WARMUP N                   p50 p99 of stock JShell (executionEngine "local") in this JVM
 *   echo WARMUP N                         p50 p99 of a raw loopback echo of an eval-sized frame
 *   concurrent RUNDIR NAME CLIENTS EVALS  evals per second, p50, p99, errors
 *   load RUNDIR NAME HTTPPORT CONNECTIONS ROUNDS   see {@link LoadAndFaults}
 *   soak RUNDIR NAME HTTPPORT SECONDS CLASSES_A CLASSES_B   see {@link Soak}; prints a report of several lines
 *   dap RUNDIR NAME WARMUP N ADAPTER...   see {@link DapRoundTrip}; ADAPTER the command that runs hotline dap
 * </pre>
 * In CODE, {@code %d} is replaced by the iteration number.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String line = switch (args.length == 0 ? "" : args[0]) {
            case "repeat" -> repeat(Path.of(rest[0]), rest[1], rest[2], Integer.parseInt(rest[3]), Integer.parseInt(rest[4]));
            case "distinct" -> distinct(Path.of(rest[0]), rest[1], Integer.parseInt(rest[2]));
            case "evals" -> evals(Path.of(rest[0]), rest[1], Integer.parseInt(rest[2]), Integer.parseInt(rest[3]));
            case "stock" -> StockJShell.measure(rest[0], Integer.parseInt(rest[1]), Integer.parseInt(rest[2])).line();
            case "echo" -> LoopbackEcho.measure(Integer.parseInt(rest[0]), Integer.parseInt(rest[1])).line();
            case "concurrent" -> ConcurrentClients.measure(Path.of(rest[0]), rest[1], Integer.parseInt(rest[2]),
                    Integer.parseInt(rest[3]));
            case "load" -> new LoadAndFaults(Path.of(rest[0]), rest[1], Integer.parseInt(rest[2]))
                    .run(Integer.parseInt(rest[3]), Integer.parseInt(rest[4])).line();
            case "soak" -> new Soak(Path.of(rest[0]), rest[1], Integer.parseInt(rest[2]),
                    List.of(Path.of(rest[4]), Path.of(rest[5]))).run(Integer.parseInt(rest[3]));
            case "dap" -> DapRoundTrip.measure(Path.of(rest[0]), rest[1], Arrays.asList(rest).subList(4, rest.length),
                    Integer.parseInt(rest[2]), Integer.parseInt(rest[3]));
            default -> throw new IllegalArgumentException("usage: see the Javadoc of dev.hotline.bench.Bench");
        };
        System.out.println(line);
    }

    /** An expression no session has seen before, as simple as {@code 1+1}: a different source for every {@code n}. */
    static String distinctExpression(long n) {
        return n + "L + 1";
    }

    private static String repeat(Path runDir, String name, String code, int warmup, int n) throws Exception {
        try (NativeConnection client = Evaluations.connect(runDir, name)) {
            long[] nanos = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                long t = Evaluations.timedEval(client, code.replace("%d", String.valueOf(i)));
                if (i >= warmup) {
                    nanos[i - warmup] = t;
                }
            }
            return new Percentiles(nanos).line();
        }
    }

    private static String distinct(Path runDir, String name, int n) throws Exception {
        try (NativeConnection client = Evaluations.connect(runDir, name)) {
            long[] nanos = new long[n];
            long base = System.nanoTime();
            for (int i = 0; i < n; i++) {
                nanos[i] = Evaluations.timedEval(client, distinctExpression(base + i));
            }
            return new Percentiles(nanos).line();
        }
    }

    private static String evals(Path runDir, String name, int from, int n) throws Exception {
        long t0 = System.nanoTime();
        try (NativeConnection client = Evaluations.connect(runDir, name)) {
            for (int i = from; i < from + n; i++) {
                Evaluations.timedEval(client, distinctExpression(i));
            }
        }
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
    }
}
