package dev.hotline.server.probe;

import dev.hotline.server.trace.ClassWeaving;
import dev.hotline.server.trace.TraceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Probes on a class the service has not loaded yet. Each waits, pending, for a class of that name to load (any
 * loader), and then arms as if it had just been set: its line is found and its expressions compiled against the
 * class, and its client hears {@code started} (or why it could not arm). Until then its client has a note
 * saying it is pending; it ends unarmed when its client goes, is removed, or its time passes.
 *
 * <p>Everything here runs on the probes' thread, but the class load's notice, which only hands over.
 */
final class PendingProbes {
    /** How a pending probe arms, once its class is loaded: as {@link LineProbes} sets any probe. */
    @FunctionalInterface
    interface Arming {
        LineProbe arm(Request request) throws TraceException;
    }

    /** A probe as it was asked for, and the future its asker waits on. */
    record Request(String place, ProbeOptions options, Object owner, ProbeListener listener,
            CompletableFuture<LineProbe> started) {
    }

    private record Waiting(Request request, String className, Runnable onLoad, long deadlineNanos) {
    }

    /** A loaded class is defined just after its transformers ran: look for it this often, this many times. */
    private static final long LOOK_MILLIS = 5;
    private static final int LOOKS = 400;

    private final ClassWeaving weaving;
    private final ScheduledExecutorService thread;
    private final Arming arming;
    private final List<Waiting> waiting = new ArrayList<>();

    PendingProbes(ClassWeaving weaving, ScheduledExecutorService thread, Arming arming) {
        this.weaving = weaving;
        this.thread = thread;
        this.arming = arming;
    }

    /** Makes {@code request} wait for {@code className} to load. */
    void await(Request request, String className) {
        Runnable onLoad = () -> thread.execute(() -> look(className, 0));
        waiting.add(new Waiting(request, className, onLoad,
                System.nanoTime() + request.options().seconds() * 1_000_000_000L));
        weaving.awaitLoad(className, onLoad);
        request.listener().note(className + " is not loaded yet: the probe is pending, and arms when the service"
                + " loads it" + (weaving.anyLoaderHas(className) ? ""
                        : " (no class loader here has a class file for it yet: is the name right?)"));
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Ends the pending probes whose client has gone or whose time has passed. */
    void tick() {
        for (Waiting w : List.copyOf(waiting)) {
            if (!w.request().listener().isOpen()) {
                drop(w);
                w.request().started().cancel(false);
            } else if (System.nanoTime() - w.deadlineNanos() >= 0) {
                drop(w);
                w.request().listener().ended(w.request().options().seconds() + " seconds passed before "
                        + w.className() + " was loaded", 0, 0);
            }
        }
    }

    /** Ends {@code owner}'s pending probes; each client hears it ended. */
    void end(Object owner) {
        for (Waiting w : List.copyOf(waiting)) {
            if (w.request().owner() == owner) {
                drop(w);
                w.request().listener().ended("removed before " + w.className() + " was loaded", 0, 0);
            }
        }
    }

    private void drop(Waiting w) {
        waiting.remove(w);
        weaving.stopAwaiting(w.className(), w.onLoad());
    }

    /** The class is loading: once it is defined, arms the probes that wait for it. */
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
                try {
                    w.request().started().complete(arming.arm(w.request()));
                } catch (TraceException | RuntimeException | LinkageError e) {
                    w.request().started().completeExceptionally(e);
                }
            }
        }
    }
}
