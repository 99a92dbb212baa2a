package dev.hotline.server.reload;

import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * The JVM-wide record of redefinitions and the transformer that applies pending ones. One per JVM, like the
 * agent: an image registers its classes here before {@code main} runs, and the server's {@link Reloader}
 * later adds to the same record.
 */
public final class Redefinitions {
    private static final RedefinitionLog LOG = new RedefinitionLog();
    private static PendingRedefinitions pending;

    private Redefinitions() {
    }

    public static RedefinitionLog log() {
        return LOG;
    }

    /**
     * The transformer for classes not loaded yet, registered with the JVM on first use: until something is
     * reloaded before it loads, class loading pays nothing for it.
     */
    public static synchronized PendingRedefinitions pending(Instrumentation instrumentation) {
        if (pending == null) {
            pending = new PendingRedefinitions(LOG);
            instrumentation.addTransformer(pending, false);
        }
        return pending;
    }

    /** The classes still waiting for their first load; none when nothing was ever pending. */
    public static synchronized List<PendingRedefinitions.Waiting> waiting() {
        return pending == null ? List.of() : pending.waiting();
    }
}
