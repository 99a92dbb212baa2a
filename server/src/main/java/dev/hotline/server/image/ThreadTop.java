package dev.hotline.server.image;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The threads that used the most CPU over an interval, as {@code top -H} would show them, with where they are. */
public final class ThreadTop {
    /** Frames shown per thread. */
    static final int FRAMES = 5;
    /** The interval measured unless the client says otherwise. */
    public static final int DEFAULT_SECONDS = 1;
    /** The threads shown unless the client says otherwise. */
    public static final int DEFAULT_COUNT = 10;

    /**
     * One thread's line.
     *
     * @param cpuPercent its CPU time over the interval, in percent of the interval (100 = one core all along)
     * @param frames its stack at the end of the interval, innermost first, at most {@value #FRAMES}
     */
    public record Row(String name, long id, Thread.State state, double cpuPercent, List<String> frames) {
    }

    private ThreadTop() {
    }

    /**
     * Measures every thread's CPU time over {@code interval} (the calling thread sleeps meanwhile).
     *
     * @return the {@code count} threads that used the most, busiest first
     * @throws UnsupportedOperationException when this JVM cannot measure CPU time per thread
     */
    public static List<Row> measure(Duration interval, int count) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            throw new UnsupportedOperationException("this JVM cannot measure the CPU time of each thread");
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        Map<Long, Long> before = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
        long start = System.nanoTime();
        Thread.sleep(interval.toMillis());
        long elapsed = System.nanoTime() - start;
        Map<Long, Long> used = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            if (now >= 0) {
                used.put(id, now - Math.max(0, before.getOrDefault(id, 0L)));
            }
        }
        long[] busiest = used.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .limit(count).mapToLong(Map.Entry::getKey).toArray();
        List<Row> rows = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(busiest, FRAMES)) {
            if (info != null) {
                rows.add(new Row(info.getThreadName(), info.getThreadId(), info.getThreadState(),
                        100.0 * used.get(info.getThreadId()) / elapsed,
                        Arrays.stream(info.getStackTrace()).map(StackTraceElement::toString).toList()));
            }
        }
        rows.sort(Comparator.comparingDouble(Row::cpuPercent).reversed());
        return rows;
    }

    /** The rows as text for people: a header, then each thread with its CPU share, state and top frames. */
    public static String toText(List<Row> rows, Duration interval) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "threads by CPU over %.1f s (%d cores):%n",
                interval.toMillis() / 1000.0, Runtime.getRuntime().availableProcessors()));
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, "%6.1f%%  %s (#%d, %s)%n", row.cpuPercent(), row.name(), row.id(),
                    row.state()));
            row.frames().forEach(frame -> sb.append("           at ").append(frame).append('\n'));
        }
        return sb.toString();
    }
}
