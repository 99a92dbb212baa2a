package dev.hotline.server.eval;

import dev.hotline.server.exchange.Exchange;
import dev.hotline.server.guard.ExitGuardInstaller;
import dev.hotline.server.support.ServerLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A named place where declarations live, like a Lisp image's package. Work for a session runs on the
 * session's worker thread, one request at a time and in the order submitted, so a JShell is never used by
 * two threads. The JShell is created on first use (about a second).
 *
 * <p><b>Interrupts that cannot stop.</b> {@link #interrupt()} asks JShell to stop the running snippet. On
 * JDK 17 that always works ({@code Thread.stop}); from JDK 20 on, a loop inside application or JDK code
 * escapes JShell's stop, and the session stops the thread with JVMTI instead ({@link ThreadStopper}). If the
 * snippet is still running {@value #STOP_GRACE_MILLIS} ms after the interrupt (no native stopper on this
 * platform, or {@code stop-threads=false}), the session abandons it: the stuck request is told so, the thread is left running (and listed by
 * {@link #abandonedThreads()}), and the session goes on in a fresh JShell on a fresh worker, with the
 * live declarations replayed and any queued requests moved over.
 */
public final class Session {
    static final long STOP_GRACE_MILLIS = 800;
    private static final long FORCE_STOP_AFTER_MILLIS = 200;
    private static final long WATCH_PERIOD_MILLIS = 50;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hotline-interrupt-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final String name;
    private final Supplier<Evaluator> factory;
    private final SessionLimits limits;
    private final AtomicInteger generations = new AtomicInteger();
    private final List<String> abandoned = new CopyOnWriteArrayList<>();
    private volatile Generation current;
    private volatile boolean closed;

    /**
     * @param limits among them, when to recycle the JShell: JShell keeps every snippet, and each one makes the
     *        next compile a little slower
     */
    Session(String name, Supplier<Evaluator> factory, SessionLimits limits) {
        this.name = name;
        this.factory = factory;
        this.limits = limits;
        this.current = new Generation(List.of());
    }

    public String name() {
        return name;
    }

    /**
     * Whether a client's snippets are being evaluated in this session now. Queued work does not count, nor
     * does Hotline's own short work (a lookup) or what a request does after its evaluation (sending the reply):
     * a lookup that arrives then can simply wait its turn.
     */
    public boolean isBusy() {
        Task running = current.running;
        Evaluation evaluation = running == null ? null : running.evaluation;
        return evaluation != null && evaluation.evaluating;
    }

    /** Threads of evaluations that could not be stopped and were left running. */
    public List<String> abandonedThreads() {
        return List.copyOf(abandoned);
    }

    /** Runs {@code work} (Hotline's own: a lookup, a replay) on this session's worker, after everything before it. */
    public CompletableFuture<Void> submit(Consumer<Evaluation> work) {
        return submit(new Task(work, reason -> { }, 0));
    }

    /**
     * Runs a client's request on this session's worker, after everything submitted before it; it is
     * interrupted if it runs longer than the agent's {@code eval-timeout}.
     *
     * @param onAbandoned told why, if the work is abandoned after an interrupt that could not stop it
     */
    public CompletableFuture<Void> submit(Consumer<Evaluation> work, Consumer<String> onAbandoned) {
        return submit(new Task(work, onAbandoned, limits.evalTimeoutSeconds() * 1000L));
    }

    /**
     * Runs the work of {@code exchange} on this session's worker, as {@link #submit(Consumer, Consumer)} does;
     * the exchange is ended as abandoned if an interrupt gives the work up, and as failed if Hotline breaks.
     */
    public void run(Exchange exchange, Consumer<Evaluation> work) {
        submit(work, exchange::abandoned).exceptionally(e -> {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            exchange.failed(cause instanceof EvaluatorUnavailableException unavailable ? unavailable.getMessage()
                    : "failed inside Hotline: " + cause);
            return null;
        });
    }

    /**
     * Queues {@code task} on the current generation's worker. A recycle or an abandon replaces the generation
     * (setting {@code current} before it shuts the old worker down), so a task that meets a worker already
     * shutting down goes to the generation that replaced it.
     */
    private CompletableFuture<Void> submit(Task task) {
        while (true) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("session " + name + " is closed"));
            }
            Generation g = current;
            try {
                return CompletableFuture.runAsync(task, g.worker);
            } catch (RejectedExecutionException e) {
                if (current == g) {
                    throw e;
                }
            }
        }
    }

    /** Where the snippet running now is, sampled (the thread runs on); empty when no snippet code is running. */
    public Optional<RunningSnippet> runningSnippet() {
        Generation g = current;
        Evaluator evaluator = g.evaluator;
        return g.running == null || evaluator == null ? Optional.empty() : evaluator.running();
    }

    /**
     * Stops the snippet that is running now, if any. Safe from any thread. A snippet still being compiled (or
     * waiting for the session's JShell to be created) is kept from starting.
     *
     * @return false when nothing was running
     */
    public boolean interrupt() {
        Generation g = current;
        Task running = g.running;
        if (running == null) {
            return false;
        }
        running.stopAsked = true;
        Evaluator evaluator = g.evaluator;
        if (evaluator != null) {
            evaluator.stop();
        }
        new InterruptWatch(g, running).start();
        return true;
    }

    /**
     * Follows an interrupt until its task ends: asks JShell again every {@value #WATCH_PERIOD_MILLIS} ms (a stop
     * can land between two of JShell's steps); after {@value #FORCE_STOP_AFTER_MILLIS} ms of snippet code still
     * running, stops its thread with JVMTI (see {@link ThreadStopper}), which reaches loops in application code;
     * and abandons the task once snippet code has gone on running for {@value #STOP_GRACE_MILLIS} ms after the
     * request. Time spent compiling does not count.
     */
    private final class InterruptWatch implements Runnable {
        private final Generation generation;
        private final Task task;
        private long snippetMillisSinceRequest;
        private ScheduledFuture<?> schedule;

        InterruptWatch(Generation generation, Task task) {
            this.generation = generation;
            this.task = task;
        }

        void start() {
            schedule = WATCHDOG.scheduleAtFixedRate(this, WATCH_PERIOD_MILLIS, WATCH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            Evaluator evaluator = generation.evaluator;
            if (generation.running != task || current != generation) {
                schedule.cancel(false);
                return;
            }
            if (evaluator == null || !evaluator.isRunningSnippetCode()) {
                return;
            }
            snippetMillisSinceRequest += WATCH_PERIOD_MILLIS;
            if (snippetMillisSinceRequest >= STOP_GRACE_MILLIS) {
                schedule.cancel(false);
                abandon(generation, task);
            } else if (snippetMillisSinceRequest == FORCE_STOP_AFTER_MILLIS && limits.stopThreads()) {
                evaluator.forceStop();
            } else {
                evaluator.stop();
            }
        }
    }

    /**
     * Replaces this session's JShell by a fresh one holding the same live declarations, which frees the memory
     * the old one kept for every snippet it ever saw. Variables keep their values where the values' classes
     * allow it (see {@link Evaluator#liveState()}). Runs after the work queued before it.
     */
    public CompletableFuture<Void> recycle() {
        return submit(evaluation -> recycle(current));
    }

    /**
     * Moves to a fresh JShell, then asks for a full collection: the old JShell's classes can only be unloaded
     * by one, and until they are, every class redefinition in the JVM walks them too; the collection also
     * gives the heap its compiler garbage grew back to the OS. One pause per {@code recycle-after} snippets.
     */
    private void recycle(Generation old) {
        replaceGeneration(old, old.evaluator().liveState(), true);
        System.gc();
    }

    /**
     * Creates this session's JShell and compiles a first snippet in the background (then drops it), so that
     * the first real evaluation finds javac loaded and warm.
     */
    public CompletableFuture<Void> warmUp() {
        return submit(evaluation -> evaluation.evaluator.warmUp());
    }

    /** Replaces this session's JShell by an empty one: every declaration is gone. */
    public CompletableFuture<Void> reset() {
        return submit(evaluation -> replaceGeneration(current, List.of(), true));
    }

    /** Ends the session: queued work is dropped, the JShell is closed and output capture stops. */
    public void close() {
        closed = true;
        Generation g = current;
        interrupt();
        g.output.close();
        g.worker.shutdownNow();
        Evaluator e = g.evaluator;
        if (e != null) {
            e.close();
        }
    }

    /**
     * Answers the stuck request first, then moves the session to a fresh generation. In that order: replacing
     * the generation interrupts the old worker, which may wake and try to answer the request itself.
     */
    private synchronized void abandon(Generation stuck, Task task) {
        String thread = stuck.threadName + " (left running since " + Instant.now() + ")";
        abandoned.add(thread);
        List<LiveDeclaration> declarations = stuck.evaluator.liveState();
        task.abandon("the evaluation could not be stopped (it is looping in code that JShell cannot interrupt on this"
                + " JDK, such as application code on JDK 20+); its thread " + stuck.threadName + " keeps running."
                + " The session goes on in a fresh JShell with its " + declarations.size() + " declarations replayed");
        replaceGeneration(stuck, declarations, false);
    }

    /**
     * @param closeOld whether the old JShell can be closed; not when a stuck thread is still inside it
     */
    private synchronized void replaceGeneration(Generation old, List<LiveDeclaration> replay, boolean closeOld) {
        Generation fresh = new Generation(replay);
        current = fresh;
        old.output.close();
        if (closeOld && old.evaluator != null) {
            old.evaluator.close();
        }
        for (Runnable queued : old.worker.shutdownNow()) {
            fresh.worker.execute(queued);
        }
    }

    /** One piece of submitted work; it runs on whichever generation is current when it starts. */
    private final class Task implements Runnable {
        private final Consumer<Evaluation> work;
        private final Consumer<String> onAbandoned;
        private final long timeoutMillis;
        volatile boolean stopAsked;
        volatile Evaluation evaluation;

        /** @param timeoutMillis interrupt the work after this long, 0 for never */
        Task(Consumer<Evaluation> work, Consumer<String> onAbandoned, long timeoutMillis) {
            this.work = work;
            this.onAbandoned = onAbandoned;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void run() {
            Generation g = current;
            g.running = this;
            ScheduledFuture<?> timer = timeoutMillis <= 0 ? null : WATCHDOG.schedule(() -> {
                if (g.running == this) {
                    ServerLog.info("an evaluation in session " + name + " ran longer than "
                            + timeoutMillis / 1000 + " s (eval-timeout): interrupting it");
                    interrupt();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                Evaluator evaluator = g.evaluator();
                if (stopAsked) {
                    evaluator.stop(); // interrupted while the JShell was being created
                }
                evaluation = new Evaluation(evaluator, g.output, name);
                work.accept(evaluation);
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
                g.running = null;
                if (g.evaluator != null) {
                    g.evaluator.clearStop();
                }
                g.output.flush();
            }
            Evaluator used = g.evaluator;
            int recycleAfter = limits.recycleAfter();
            if (recycleAfter > 0 && used != null && used.snippetsEvaluated() >= recycleAfter && current == g) {
                recycle(g);
            }
        }

        void abandon(String reason) {
            onAbandoned.accept(reason);
        }
    }

    /** A worker thread with its JShell and output; replaced when a stuck evaluation is abandoned. */
    private final class Generation {
        final OutputRouter output = new OutputRouter(limits.maxOutputBytes());
        final ExecutorService worker;
        final String threadName;
        final List<LiveDeclaration> replay;
        volatile Evaluator evaluator;
        volatile Task running;

        Generation(List<LiveDeclaration> replay) {
            this.replay = replay;
            int n = generations.incrementAndGet();
            this.threadName = "hotline-session-" + name + (n > 1 ? "-" + n : "");
            this.worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(SessionThreadGroups.forWorker(threadName), () -> {
                    OutputCapture.bindCurrentThread(output);
                    runnable.run();
                }, threadName);
                t.setDaemon(true);
                return t;
            });
        }

        /** The JShell, created on this generation's worker on first use, with the declarations replayed. */
        Evaluator evaluator() {
            if (evaluator == null) {
                Evaluator fresh = factory.get();
                ExitGuardInstaller.markEvaluationThread(); // installed by the factory if need be; snippet threads inherit
                Thread.currentThread().setContextClassLoader(fresh.snippetLoader());
                fresh.restore(replay, outcome -> { });
                evaluator = fresh;
            }
            return evaluator;
        }
    }

    /** What a request may do with the session's evaluator while it runs on the worker. */
    public static final class Evaluation {
        private final Evaluator evaluator;
        private final OutputRouter output;
        private final String sessionName;
        private volatile boolean evaluating;

        private Evaluation(Evaluator evaluator, OutputRouter output, String sessionName) {
            this.evaluator = evaluator;
            this.output = output;
            this.sessionName = sessionName;
        }

        /**
         * Evaluates {@code input} (see {@link Evaluator#eval}) for {@code exchange}, with its output going to
         * the exchange: attached first, and flushed before each outcome is reported (so what a snippet printed
         * arrives before its value) and at the end. The evaluation is recorded in the audit log.
         */
        public boolean eval(String input, Exchange exchange, Consumer<SnippetOutcome> outcomes) {
            output.attach(exchange.output());
            boolean ok = evaluating(() -> evaluator.eval(input, outcome -> {
                output.flush();
                outcomes.accept(outcome);
            }, true));
            output.flush();
            exchange.audit("eval", sessionName, input, ok ? "ok" : "failed", List.of());
            return ok;
        }

        /** Evaluates each snippet, going on after failures; see {@link Evaluator#eval(String, Consumer, boolean)}. */
        public boolean evalEach(String input, Consumer<SnippetOutcome> outcomes) {
            return evaluating(() -> evaluator.eval(input, outcomes, false));
        }

        /** Runs {@code evaluation} marked as evaluating, for {@link Session#isBusy()}. */
        private boolean evaluating(BooleanSupplier evaluation) {
            evaluating = true;
            try {
                return evaluation.getAsBoolean();
            } finally {
                evaluating = false;
            }
        }

        /** See {@link Evaluator#liveDeclarations}. */
        public List<String> liveDeclarations() {
            return evaluator.liveDeclarations();
        }

        /** See {@link Evaluator#isComplete}. */
        public boolean isComplete(String input) {
            return evaluator.isComplete(input);
        }

        /** See {@link PrecedingSnippet}. */
        public OptionalInt precedingSnippetStart(String code) {
            return evaluator.precedingSnippetStart(code);
        }

        /** See {@link Evaluator#complete}. */
        public Completion complete(String code, int cursor) {
            return evaluator.complete(code, cursor);
        }

        /** See {@link Evaluator#documentation}. */
        public List<String> documentation(String code, int cursor) {
            return evaluator.documentation(code, cursor);
        }

        /** See {@link Evaluator#variable}. */
        public Optional<VariableValue> variable(String name) {
            return evaluator.variable(name);
        }

        /** See {@link Evaluator#contents}. */
        public List<SnippetInfo> contents() {
            return evaluator.contents();
        }

        /** See {@link Evaluator#drop}. */
        public List<SnippetInfo> drop(String nameOrId) {
            return evaluator.drop(nameOrId);
        }
    }
}
