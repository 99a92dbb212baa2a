package dev.hotline.server.profile;

import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records where the service's threads spend their time with JDK Flight Recorder, which every JDK has, needs no
 * native library and works where perf events are forbidden (containers): CPU from execution samples (every
 * 10 ms of a running thread), allocation from allocation samples (weighed by bytes), lock contention from
 * monitor-enter events (weighed by the nanoseconds waited). The stacks are summed up as folded stacks, the
 * input of a flame graph.
 */
public final class Profiler {
    /** What to record. */
    public enum Kind {
        CPU("jdk.ExecutionSample", "samples"), ALLOC("jdk.ObjectAllocationSample", "bytes"),
        LOCKS("jdk.JavaMonitorEnter", "nanoseconds waited");

        private final String event;
        private final String unit;

        Kind(String event, String unit) {
            this.event = event;
            this.unit = unit;
        }

        /** What a stack's weight counts. */
        public String unit() {
            return unit;
        }
    }

    /**
     * A recording summed up.
     *
     * @param folded each distinct stack, root first, frames joined by {@code ;}, with its weight; heaviest
     *     first, at most {@value #MAX_STACKS}, the rest summed up as one
     * @param total the weight of all stacks
     */
    public record Profile(Kind kind, List<Map.Entry<String, Long>> folded, long total) {
    }

    static final int MAX_STACKS = 5000;
    private static final int MAX_DEPTH = 128;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hotline-profile");
        t.setDaemon(true);
        return t;
    });

    /**
     * Records for {@code seconds}, then sums up; completes with the profile, or fails saying why. Starting,
     * stopping and reading the recording happen on the profiler's own thread, never the caller's.
     */
    public CompletableFuture<Profile> record(Kind kind, int seconds) {
        CompletableFuture<Profile> done = new CompletableFuture<>();
        thread.execute(() -> {
            Recording recording = new Recording();
            try {
                var settings = recording.enable(kind.event);
                switch (kind) {
                    case CPU -> settings.withPeriod(Duration.ofMillis(10));
                    case LOCKS -> settings.withThreshold(Duration.ZERO);
                    default -> { }
                }
                settings.withStackTrace();
                recording.start();
            } catch (RuntimeException | LinkageError e) {
                recording.close();
                done.completeExceptionally(new IllegalStateException("this JVM cannot record with JFR: " + e));
                return;
            }
            thread.schedule(() -> finish(recording, kind, done), seconds, TimeUnit.SECONDS);
        });
        return done;
    }

    private static void finish(Recording recording, Kind kind, CompletableFuture<Profile> done) {
        Path dir = null;
        try (recording) {
            recording.stop();
            dir = Files.createTempDirectory("hotline-profile");
            Path file = dir.resolve("profile.jfr");
            recording.dump(file);
            done.complete(sum(kind, file));
            Files.delete(file);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(new IllegalStateException("the recording could not be read: " + e));
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Stops the profiler's thread (Hotline is detaching); a recording under way is dropped. */
    public void close() {
        thread.shutdownNow();
    }

    private static Profile sum(Kind kind, Path file) throws IOException {
        Map<String, Long> stacks = new HashMap<>();
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            RecordedStackTrace trace = event.getStackTrace();
            if (!event.getEventType().getName().equals(kind.event) || trace == null) {
                continue;
            }
            long weight = switch (kind) {
                case CPU -> 1;
                case ALLOC -> event.getLong("weight");
                case LOCKS -> event.getDuration().toNanos();
            };
            stacks.merge(folded(trace), weight, Long::sum);
            total += weight;
        }
        List<Map.Entry<String, Long>> heaviest = new ArrayList<>(stacks.entrySet());
        heaviest.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        if (heaviest.size() > MAX_STACKS) {
            long rest = heaviest.subList(MAX_STACKS, heaviest.size()).stream().mapToLong(Map.Entry::getValue).sum();
            heaviest = new ArrayList<>(heaviest.subList(0, MAX_STACKS));
            heaviest.add(Map.entry(String.format(Locale.ROOT, "(%d lighter stacks)", stacks.size() - MAX_STACKS),
                    rest));
        }
        return new Profile(kind, List.copyOf(heaviest), total);
    }

    /** {@code Thread.run;Worker.loop;Orders.place}: root first, each frame its class and method. */
    private static String folded(RecordedStackTrace trace) {
        List<RecordedFrame> frames = trace.getFrames();
        StringBuilder out = new StringBuilder();
        for (int i = Math.min(frames.size(), MAX_DEPTH) - 1; i >= 0; i--) {
            RecordedFrame frame = frames.get(i);
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(frame.getMethod().getType().getName()).append('.').append(frame.getMethod().getName());
        }
        return out.toString();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve("profile.jfr"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            ServerLog.warn("could not delete the profile's recording in " + dir + ": " + e.getMessage());
        }
    }
}
