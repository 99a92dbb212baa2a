package dev.hotline.client.dap;

import dev.hotline.protocol.ProbeHit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adapter's {@code variablesReference} numbers: each stands for an object the service holds for this
 * connection (expanded with the {@code inspect} op) or for a snapshot's captured locals (expanded here). They are
 * kept while the adapter runs, as the service keeps the objects while the connection lasts.
 */
final class References {
    /** What a reference stands for. */
    sealed interface Container permits ServiceObject, CapturedLocals {
    }

    /** An object the service holds as {@code ref} (see the service's {@code inspect} op). */
    record ServiceObject(long ref) implements Container {
    }

    /** A snapshot's locals, {@code this} and what was thrown, as the capture rendered them. */
    record CapturedLocals(ProbeHit hit) implements Container {
    }

    private final Map<Integer, Container> containers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    int add(Container container) {
        int number = next.getAndIncrement();
        containers.put(number, container);
        return number;
    }

    Optional<Container> get(int number) {
        return Optional.ofNullable(containers.get(number));
    }
}
