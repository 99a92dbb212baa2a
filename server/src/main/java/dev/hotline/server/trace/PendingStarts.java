package dev.hotline.server.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Traces and probes on a class the service has not loaded yet. Each waits, pending, for a class of that name to
 * load (any loader), and then starts as if it had just been asked for. Until then its client has a note saying
 * it is pending (and whether any class loader has such a class file, in case of a typo); it ends unstarted when
 * its client goes, is removed, or its time passes.
 *
 * <p>Everything here runs on its owner's thread (the tracer's, the probes'), but the class load's notice, which
 * only hands over.
 */
public final class PendingStarts {
    /** One start waiting for its class. */
    public interface Waiter {
        /** Who asked (a connection). */
        Object owner();

        /** False once the client has gone: the start is dropped. */
        boolean clientPresent();

        /** Tells the client something about the wait. */
        void note(String text);

        /** The class is loaded: starts as if just asked for, telling the client how it went. */
        void start();

        /** Ends it unstarted, telling the client why. */
        void giveUp(String reason);
    }

    /** How a start is made once its class is loaded; it fails with a TraceException saying why it cannot. */
    @FunctionalInterface
    public interface Starter<T> {
        T start() throws TraceException;
    }

    /**
     * A waiter for a start that completes {@code started} once its class is loaded.
     *
     * @param clientPresent whether its client is still there
     * @param note tells the client something about the wait
     * @param giveUp ends it unstarted, telling the client why
     */
    public static <T> Waiter waiter(Object owner, BooleanSupplier clientPresent, Consumer<String> note,
            Consumer<String> giveUp, Starter<T> starter, CompletableFuture<T> started) {
        return new Waiter() {
            @Override
            public Object owner() {
                return owner;
            }

            @Override
            public boolean clientPresent() {
                return clientPresent.getAsBoolean();
            }

            @Override
            public void note(String text) {
                note.accept(text);
            }

            @Override
            public void start() {
                try {
                    started.complete(starter.start());
                } catch (TraceException | RuntimeException | LinkageError e) {
                    started.completeExceptionally(e);
                }
            }

            @Override
            public void giveUp(String reason) {
                giveUp.accept(reason);
            }
        };
    }

    private record Waiting(Waiter waiter, String className, Runnable onLoad, long deadlineNanos) {
    }

    /** A loaded class is defined just after its transformers ran: look for it this often, this many times. */
    private static final long LOOK_MILLIS = 5;
    private static final int LOOKS = 400;

    private final ClassWeaving weaving;
    private final ScheduledExecutorService thread;
    private final List<Waiting> waiting = new ArrayList<>();

    /** @param thread the owner's thread, where everything but the load's notice runs */
    public PendingStarts(ClassWeaving weaving, ScheduledExecutorService thread) {
        this.weaving = weaving;
        this.thread = thread;
    }

    /** Makes {@code waiter} wait for {@code className} to load, for at most {@code seconds}. */
    public void await(Waiter waiter, String className, long seconds) {
        Runnable onLoad = () -> thread.execute(() -> look(className, 0));
        waiting.add(new Waiting(waiter, className, onLoad, System.nanoTime() + seconds * 1_000_000_000L));
        weaving.awaitLoad(className, onLoad);
        waiter.note(className + " is not loaded yet: it is pending, and starts when the service loads it"
                + (weaving.anyLoaderHas(className) ? ""
                        : " (no class loader here has a class file for it yet: is the name right?)"));
    }

    public boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The class each wait is for, in the order they began. */
    public List<String> classesAwaited() {
        return waiting.stream().map(Waiting::className).toList();
    }

    /** Ends the waits whose client has gone or whose time has passed. */
    public void tick() {
        for (Waiting w : List.copyOf(waiting)) {
            if (!w.waiter().clientPresent()) {
                drop(w);
            } else if (System.nanoTime() - w.deadlineNanos() >= 0) {
                drop(w);
                w.waiter().giveUp("its time passed before " + w.className() + " was loaded");
            }
        }
    }

    /** Ends {@code owner}'s waits; each client hears it ended. */
    public void end(Object owner) {
        for (Waiting w : List.copyOf(waiting)) {
            if (w.waiter().owner() == owner) {
                drop(w);
                w.waiter().giveUp("removed before " + w.className() + " was loaded");
            }
        }
    }

    /** Ends every wait (Hotline is detaching), so no class load calls into it any more; each client hears why. */
    public void endAll(String reason) {
        for (Waiting w : List.copyOf(waiting)) {
            drop(w);
            w.waiter().giveUp(reason);
        }
    }

    private void drop(Waiting w) {
        waiting.remove(w);
        weaving.stopAwaiting(w.className(), w.onLoad());
    }

    /** The class is loading: once it is defined, starts what waits for it. */
    private void look(String className, int looks) {
        if (!weaving.isLoaded(className)) {
            if (looks < LOOKS) {
                thread.schedule(() -> look(className, looks + 1), LOOK_MILLIS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        for (Waiting w : List.copyOf(waiting)) {
            if (w.className().equals(className)) {
                waiting.remove(w);
                w.waiter().start();
            }
        }
    }
}
