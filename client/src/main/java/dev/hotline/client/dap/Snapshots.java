package dev.hotline.client.dap;

import dev.hotline.protocol.ProbeHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The snapshots the IDE shows as stopped threads while the service's own threads run on (as Google's Cloud
 * Debugger showed them): each captured hit gets a thread id of its own, far above any Java thread's, until the
 * user continues it. Its frames get ids here too.
 */
final class Snapshots {
    /** Snapshot thread ids start here; a service's own threads are numbered by their Java ids below it. */
    static final int FIRST_THREAD_ID = 1_000_000_000;

    /** A snapshot shown as a stopped thread. */
    record Snapshot(int threadId, int number, ProbeHit hit) {
        /** {@code snapshot 1: Greeter:25 on http-nio-8080-exec-1}. */
        String name() {
            String place = hit.place().substring(hit.place().lastIndexOf('.') + 1);
            return (hit.thrown().isPresent() ? "exception " : "snapshot ") + number + ": " + place + " on "
                    + hit.thread();
        }
    }

    /** One frame of a snapshot's stack. */
    record FrameRef(Snapshot snapshot, int index) {
    }

    private final Map<Integer, Snapshot> shown = new ConcurrentHashMap<>();
    private final Map<Integer, FrameRef> frames = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger frameIds = new AtomicInteger(1);

    Snapshot add(ProbeHit hit) {
        int number = numbers.incrementAndGet();
        Snapshot snapshot = new Snapshot(FIRST_THREAD_ID + number, number, hit);
        shown.put(snapshot.threadId(), snapshot);
        return snapshot;
    }

    Optional<Snapshot> get(int threadId) {
        return Optional.ofNullable(shown.get(threadId));
    }

    /** Dismisses a snapshot: the user continued it. */
    Optional<Snapshot> remove(int threadId) {
        frames.values().removeIf(frame -> frame.snapshot().threadId() == threadId);
        return Optional.ofNullable(shown.remove(threadId));
    }

    List<Snapshot> all() {
        List<Snapshot> all = new ArrayList<>(shown.values());
        all.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return all;
    }

    int frameId(Snapshot snapshot, int index) {
        int id = frameIds.getAndIncrement();
        frames.put(id, new FrameRef(snapshot, index));
        return id;
    }

    Optional<FrameRef> frame(int frameId) {
        return Optional.ofNullable(frames.get(frameId));
    }
}
