package dev.hotline.server.image;

import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.eval.SnippetOutcome;
import dev.hotline.server.reload.Redefinitions;
import dev.hotline.server.reload.Reloader;
import dev.hotline.server.support.DiskErrors;
import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Snapshot and resume. A snapshot gathers each named session's live declarations (on the session's own
 * worker, after the work queued there) and every hot-reloaded class, and writes them atomically to the
 * service's image file. Resuming happens in two steps: before {@code main}, {@link #preload} registers the
 * image's classes to be redefined as they load, so even code running before {@code main} returns sees them;
 * once the server runs, {@link #replayDeclarations} replays each session's declarations, one by one, and
 * reports what no longer compiles.
 */
public final class Snapshots {
    private static final long SESSION_WAIT_SECONDS = 30;
    /** The loader name of a class reloaded before it loaded anywhere: it goes to whichever loader loads it. */
    static final String ANY_LOADER = "any";

    private final String service;
    private final Path file;
    private final SessionRegistry sessions;
    private final Reloader reloader;
    private final Resume resume;
    private volatile String resumeSummary;

    /**
     * @param service the service's name, recorded in the image
     * @param file where snapshots are written: the file the next start resumes from
     * @param resume what {@link #preload} found before {@code main}
     */
    public Snapshots(String service, Path file, SessionRegistry sessions, Reloader reloader, Resume resume) {
        this.service = service;
        this.file = file;
        this.sessions = sessions;
        this.reloader = reloader;
        this.resume = resume;
        this.resumeSummary = resume.summary();
    }

    /**
     * What was found in the image before {@code main}: the image whose declarations are still to replay (null
     * when there is none to replay), and what to report about it (null when the service started without one).
     */
    public record Resume(Image image, String summary) {
        public static final Resume NONE = new Resume(null, null);
    }

    /** What a snapshot wrote. */
    public record Written(Path file, int sessions, int declarations, int classes, long bytes, double millis) {
        public String toText() {
            return String.format(Locale.ROOT, "| image %s: %d sessions, %d declarations, %d classes, %d bytes,"
                    + " written in %.1f ms%n", file, sessions, declarations, classes, bytes, millis);
        }
    }

    /** Captures the service's live changes and writes them to its image file. */
    public Written snapshot() throws IOException {
        return snapshot(null, null);
    }

    /**
     * The same, called from a command running on {@code caller}'s worker: that session's declarations are read
     * through {@code callerEvaluation} directly, since waiting for its own worker would never end.
     */
    public Written snapshot(Session caller, Session.Evaluation callerEvaluation) throws IOException {
        long started = System.nanoTime();
        Map<String, List<String>> declarations = new LinkedHashMap<>();
        for (Session session : sessions.all()) {
            if (session == caller) {
                declarations.put(session.name(), callerEvaluation.liveDeclarations().stream().map(String::strip).toList());
            } else if (!session.name().startsWith("anon-")) {
                declarations.put(session.name(), declarationsOf(session));
            }
        }
        List<Image.ClassEntry> classes = new ArrayList<>();
        Redefinitions.log().latest().forEach(e -> classes.add(new Image.ClassEntry(e.className(), e.loader(), e.origin(), e.bytes())));
        reloader.waiting().forEach(w -> classes.add(new Image.ClassEntry(w.className(),
                w.loader() == null ? ANY_LOADER : w.loader(), w.origin(), w.bytes())));
        Image image = new Image(service, Instant.now(), System.getProperty("java.version"), "0.1.0",
                declarations, classes);
        try {
            ImageFile.write(image, file);
        } catch (IOException e) {
            throw new IOException("snapshot failed, the previous image is intact: " + DiskErrors.describe(e, file), e);
        }
        int count = declarations.values().stream().mapToInt(List::size).sum();
        return new Written(file, declarations.size(), count, classes.size(), Files.size(file),
                (System.nanoTime() - started) / 1e6);
    }

    private static List<String> declarationsOf(Session session) throws IOException {
        List<String> declarations = new ArrayList<>();
        try {
            session.submit(evaluation -> evaluation.liveDeclarations().forEach(d -> declarations.add(d.strip())))
                    .get(SESSION_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("session " + session.name() + " stayed busy for " + SESSION_WAIT_SECONDS
                    + " s; interrupt it or try again");
        } catch (ExecutionException | InterruptedException e) {
            throw new IOException("cannot read session " + session.name() + ": " + e);
        }
        return declarations;
    }

    /**
     * Before {@code main}: reads the image at {@code file} and registers its classes to be redefined as they
     * load. A damaged image is moved aside ({@code FILE.damaged-TIME}), never deleted, and the service starts
     * without it.
     */
    public static Resume preload(Path file, Instrumentation instrumentation) {
        if (!Files.exists(file)) {
            return Resume.NONE;
        }
        try {
            Image image = ImageFile.read(file);
            var pending = Redefinitions.pending(instrumentation);
            image.classes().forEach(c -> pending.add(c.className(), c.bytes(),
                    c.loader().equals(ANY_LOADER) ? null : c.loader(), c.origin()));
            return new Resume(image, null);
        } catch (ImageException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
            String summary;
            try {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                summary = "image " + file + " is damaged and was moved to " + aside + "; started without it ("
                        + e.getMessage() + ")";
            } catch (IOException moveFailed) {
                summary = "image " + file + " is damaged and could not be moved aside: " + e.getMessage();
            }
            ServerLog.warn(summary);
            return new Resume(null, summary);
        }
    }

    /**
     * Once the server runs: replays the resumed image's declarations, session by session, on each session's
     * worker, and reports when all are done. Returns at once: the server is already answering, and requests to
     * a session simply queue behind its replay.
     */
    public void replayDeclarations() {
        Image image = resume.image();
        if (image == null) {
            return;
        }
        long started = System.nanoTime();
        AtomicInteger restored = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> replays = new ArrayList<>();
        for (Map.Entry<String, List<String>> session : image.sessions().entrySet()) {
            String source = String.join("\n\n", session.getValue());
            replays.add(sessions.named(session.getKey()).submit(evaluation -> evaluation.evalEach(source, outcome -> {
                if (outcome.succeeded()) {
                    restored.incrementAndGet();
                } else {
                    failures.add(session.getKey() + ": " + outcome.source().strip().lines().findFirst().orElse("")
                            + " -- " + outcome.accept(WHY_NOT_RESTORED));
                }
            })));
        }
        CompletableFuture.allOf(replays.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
            resumeSummary = "resumed from the image of " + image.created() + ": " + image.classes().size()
                    + " classes registered, " + restored.get() + " declarations restored, " + failures.size()
                    + " no longer apply"
                    + String.format(Locale.ROOT, " (replayed in %.0f ms)", (System.nanoTime() - started) / 1e6)
                    + (error == null ? "" : "; the replay stopped: " + error)
                    + (failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures));
            ServerLog.info(resumeSummary);
        });
    }

    /** What happened to the image at start, for status; null when the service started without one. */
    public String resumeSummary() {
        return resumeSummary;
    }

    /** Why a declaration of the image did not come back, in a few words. */
    private static final SnippetOutcome.Visitor<String> WHY_NOT_RESTORED = new SnippetOutcome.Visitor<>() {
        @Override
        public String value(SnippetOutcome.Value value) {
            return "restored";
        }

        @Override
        public String declared(SnippetOutcome.Declared declared) {
            return "restored";
        }

        @Override
        public String ran(SnippetOutcome.Ran ran) {
            return "restored";
        }

        @Override
        public String threw(SnippetOutcome.Threw threw) {
            return threw.condition();
        }

        @Override
        public String rejected(SnippetOutcome.Rejected rejected) {
            return rejected.diagnostics().isEmpty() ? "does not compile"
                    : rejected.diagnostics().get(0).message().lines().findFirst().orElse("does not compile");
        }

        @Override
        public String incomplete(SnippetOutcome.Incomplete incomplete) {
            return "incomplete";
        }

        @Override
        public String interrupted(SnippetOutcome.Interrupted interrupted) {
            return "interrupted";
        }
    };
}
