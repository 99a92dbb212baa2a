package dev.hotline.server.eval;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A named place where declarations live, like a Lisp image's package. Work for a session runs on the
 * session's own worker thread, one request at a time and in the order submitted, so a JShell is never
 * used by two threads. The JShell is created on first use; creating it costs the first eval about a
 * second.
 */
public final class Session {
    private final String name;
    private final boolean ephemeral;
    private final Function<Session, JShellEvaluator> factory;
    private final OutputRouter output = new OutputRouter();
    private final ExecutorService worker;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile JShellEvaluator evaluator;
    private volatile boolean closed;

    Session(String name, boolean ephemeral, Function<Session, JShellEvaluator> factory) {
        this.name = name;
        this.ephemeral = ephemeral;
        this.factory = factory;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(() -> {
                OutputCapture.bindCurrentThread(output);
                runnable.run();
            }, "hotline-session-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return name;
    }

    /** True for a session that ends with the connection that asked for it. */
    public boolean ephemeral() {
        return ephemeral;
    }

    public OutputRouter output() {
        return output;
    }

    /** Requests queued or running. */
    public int pendingRequests() {
        return pending.get();
    }

    /**
     * Runs {@code work} on this session's worker with its evaluator, after everything submitted before it.
     * The future fails if the session is closed or the work throws.
     */
    public CompletableFuture<Void> submit(Consumer<Evaluation> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("session " + name + " is closed"));
        }
        pending.incrementAndGet();
        return CompletableFuture.runAsync(() -> {
            try {
                work.accept(new Evaluation(evaluator()));
            } finally {
                output.flush();
                pending.decrementAndGet();
            }
        }, worker);
    }

    /** Stops the snippet that is running now, if any. Safe from any thread. */
    public void interrupt() {
        JShellEvaluator e = evaluator;
        if (e != null) {
            e.stop();
        }
    }

    /** Ends the session: queued work is dropped, the JShell is closed and output capture stops. */
    public void close() {
        closed = true;
        interrupt();
        output.close();
        worker.shutdownNow();
        JShellEvaluator e = evaluator;
        if (e != null) {
            worker.execute(e::close);
        }
    }

    private JShellEvaluator evaluator() {
        if (evaluator == null) {
            evaluator = factory.apply(this);
            Thread.currentThread().setContextClassLoader(evaluator.snippetLoader());
        }
        return evaluator;
    }

    /** What a request may do with the session's evaluator while it runs on the worker. */
    public static final class Evaluation {
        private final JShellEvaluator evaluator;

        private Evaluation(JShellEvaluator evaluator) {
            this.evaluator = evaluator;
        }

        /** See {@link JShellEvaluator#eval}. */
        public boolean eval(String input, Consumer<SnippetOutcome> outcomes) {
            return evaluator.eval(input, outcomes);
        }

        /** See {@link JShellEvaluator#isComplete}. */
        public boolean isComplete(String input) {
            return evaluator.isComplete(input);
        }
    }
}
