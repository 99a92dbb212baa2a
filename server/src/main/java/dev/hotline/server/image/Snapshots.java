package dev.hotline.server.image;

import dev.hotline.server.ServerContext;
import dev.hotline.server.ServerLog;
import dev.hotline.server.eval.Session;
import dev.hotline.server.reload.Redefinitions;
import dev.hotline.server.reload.Reloader;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Snapshot and resume. A snapshot gathers each named session's live declarations (on the session's own
 * worker, after the work queued there) and every hot-reloaded class, and writes them atomically to
 * {@code NAME.image}. Resuming happens in two steps: before {@code main}, the image's classes are registered
 * to be redefined as they load, so even code running before {@code main} returns sees them; once the server
 * runs, each session's declarations are replayed, one by one, and what no longer compiles is reported.
 */
public final class Snapshots {
    private static final long SESSION_WAIT_SECONDS = 30;
    /** The loader name of a class reloaded before it loaded anywhere: it goes to whichever loader loads it. */
    static final String ANY_LOADER = "any";
    private static volatile Image resumed;
    private static volatile String resumeSummary;

    private Snapshots() {
    }

    /** What a snapshot wrote. */
    public record Written(Path file, int sessions, int declarations, int classes, long bytes, double millis) {
        public String toText() {
            return String.format(java.util.Locale.ROOT, "| image %s: %d sessions, %d declarations, %d classes, %d bytes,"
                    + " written in %.1f ms%n", file, sessions, declarations, classes, bytes, millis);
        }
    }

    /** Captures the service's live changes and writes them to its image file. */
    public static Written snapshot(ServerContext context) throws IOException {
        return snapshot(context, null, null);
    }

    /**
     * The same, called from a command running on {@code caller}'s worker: that session's declarations are read
     * through {@code callerEvaluation} directly, since waiting for its own worker would never end.
     */
    public static Written snapshot(ServerContext context, Session caller, Session.Evaluation callerEvaluation)
            throws IOException {
        long started = System.nanoTime();
        Map<String, List<String>> sessions = new LinkedHashMap<>();
        for (Session session : context.sessions().all()) {
            if (session == caller) {
                sessions.put(session.name(), callerEvaluation.liveDeclarations().stream().map(String::strip).toList());
            } else if (!session.name().startsWith("anon-")) {
                sessions.put(session.name(), declarationsOf(session));
            }
        }
        List<Image.ClassEntry> classes = new ArrayList<>();
        Redefinitions.log().latest().forEach(e -> classes.add(new Image.ClassEntry(e.className(), e.loader(), e.origin(), e.bytes())));
        Reloader reloader = context.reloader();
        reloader.waiting().forEach(w -> classes.add(new Image.ClassEntry(w.className(),
                w.loader() == null ? ANY_LOADER : w.loader(), w.origin(), w.bytes())));
        Image image = new Image(context.options().name(), Instant.now(), System.getProperty("java.version"), "0.1.0",
                sessions, classes);
        Path file = context.options().dir().resolve(context.options().name() + ".image");
        try {
            ImageFile.write(image, file);
        } catch (IOException e) {
            throw new IOException("snapshot failed, the previous image is intact: " + e.getMessage(), e);
        }
        int declarations = sessions.values().stream().mapToInt(List::size).sum();
        return new Written(file, sessions.size(), declarations, classes.size(), Files.size(file),
                (System.nanoTime() - started) / 1e6);
    }

    private static List<String> declarationsOf(Session session) throws IOException {
        List<String> declarations = new ArrayList<>();
        try {
            session.submit(evaluation -> evaluation.liveDeclarations().forEach(d -> declarations.add(d.strip())))
                    .get(SESSION_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("session " + session.name() + " stayed busy for " + SESSION_WAIT_SECONDS
                    + " s; interrupt it or try again");
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            throw new IOException("cannot read session " + session.name() + ": " + e);
        }
        return declarations;
    }

    /**
     * Before {@code main}: reads the image named by the agent's {@code image=} option and registers its classes
     * to be redefined as they load. A damaged image is moved aside ({@code FILE.damaged-TIME}), never deleted,
     * and the service starts without it.
     */
    public static void preload(Path file, Instrumentation instrumentation) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Image image = ImageFile.read(file);
            var pending = Redefinitions.pending(instrumentation);
            image.classes().forEach(c -> pending.add(c.className(), c.bytes(),
                    c.loader().equals(ANY_LOADER) ? null : c.loader(), c.origin()));
            resumed = image;
        } catch (ImageException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
            try {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                resumeSummary = "image " + file + " is damaged and was moved to " + aside + "; started without it ("
                        + e.getMessage() + ")";
            } catch (IOException moveFailed) {
                resumeSummary = "image " + file + " is damaged and could not be moved aside: " + e.getMessage();
            }
            ServerLog.warn(resumeSummary);
        }
    }

    /**
     * Once the server runs: replays the resumed image's declarations, session by session, on each session's
     * worker, and reports when all are done. Returns at once: the server is already answering, and requests to
     * a session simply queue behind its replay.
     */
    public static void replayDeclarations(ServerContext context) {
        Image image = resumed;
        if (image == null) {
            return;
        }
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger restored = new java.util.concurrent.atomic.AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.CompletableFuture<Void>> replays = new ArrayList<>();
        for (Map.Entry<String, List<String>> session : image.sessions().entrySet()) {
            String source = String.join("\n\n", session.getValue());
            replays.add(context.sessions().named(session.getKey()).submit(evaluation -> evaluation.evalEach(source, outcome -> {
                if (outcome.succeeded()) {
                    restored.incrementAndGet();
                } else {
                    failures.add(session.getKey() + ": " + outcome.source().strip().lines().findFirst().orElse("")
                            + " -- " + describe(outcome));
                }
            })));
        }
        java.util.concurrent.CompletableFuture.allOf(replays.toArray(java.util.concurrent.CompletableFuture[]::new))
                .whenComplete((done, error) -> {
                    resumeSummary = "resumed from the image of " + image.created() + ": " + image.classes().size()
                            + " classes registered, " + restored.get() + " declarations restored, " + failures.size()
                            + " no longer apply"
                            + String.format(java.util.Locale.ROOT, " (replayed in %.0f ms)", (System.nanoTime() - started) / 1e6)
                            + (error == null ? "" : "; the replay stopped: " + error)
                            + (failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures));
                    ServerLog.info(resumeSummary);
                });
    }

    /** What happened to the image at start, for status; null when the service started without one. */
    public static String resumeSummary() {
        return resumeSummary;
    }

    private static String describe(dev.hotline.server.eval.SnippetOutcome outcome) {
        if (outcome instanceof dev.hotline.server.eval.SnippetOutcome.Rejected r && !r.diagnostics().isEmpty()) {
            return r.diagnostics().get(0).message().lines().findFirst().orElse("does not compile");
        }
        if (outcome instanceof dev.hotline.server.eval.SnippetOutcome.Threw t) {
            return t.exceptionClass() + ": " + t.message();
        }
        return outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
