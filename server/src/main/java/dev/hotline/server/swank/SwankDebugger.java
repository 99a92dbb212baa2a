package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.RunningSnippet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * SLIME's debugger (sldb), for exceptions thrown by evaluations and for interrupts.
 *
 * <p>An evaluation that throws is not answered yet: {@code :debug} shows the exception, its Java stack as frames
 * and one restart, abort; the evaluation is answered {@code :abort} when the user leaves the debugger
 * ({@code sldb-abort}, {@code throw-to-toplevel} or restart 0).
 *
 * <p>An interrupt ({@code C-c C-b}) of a running evaluation shows where it was: its thread's stack, sampled at
 * that moment (the thread runs on), with two restarts: abort stops the evaluation as an interrupt does for
 * other clients, continue closes the level and lets it run. An evaluation that ends while its level is open
 * closes it.
 *
 * <p>Levels nest when another evaluation throws, or is interrupted, while the debugger is open.
 */
final class SwankDebugger {
    private static final Sexp ABORT = Sexp.list(Sexp.str("*ABORT"), Sexp.str("Return to SLIME's top level."));
    private static final Sexp RESTARTS = Sexp.list(ABORT);
    private static final Sexp INTERRUPT_RESTARTS = Sexp.list(
            Sexp.list(Sexp.str("*ABORT"), Sexp.str("Stop the evaluation and return to SLIME's top level.")),
            Sexp.list(Sexp.str("CONTINUE"), Sexp.str("Let the evaluation run on.")));

    /**
     * One open debugger level: the evaluation it concerns, and what it shows.
     *
     * @param stop for an interrupted evaluation, what stops it (abort); null for one that threw, which has ended
     */
    private record Level(int number, SwankCall evaluation, String condition, String typeLine, List<String> frames,
            Runnable stop) {
        boolean continuable() {
            return stop != null;
        }

        Sexp restarts() {
            return continuable() ? INTERRUPT_RESTARTS : RESTARTS;
        }
    }

    private final SwankConnection connection;
    private final Deque<Level> levels = new ArrayDeque<>();

    SwankDebugger(SwankConnection connection) {
        this.connection = connection;
    }

    /**
     * Opens a level for {@code evaluation}, which threw.
     *
     * @param condition the exception as one line ({@code java.lang.IllegalStateException: boom})
     * @param frames the stack, innermost first, one line per frame
     */
    synchronized void enter(SwankCall evaluation, String condition, String exceptionClass, List<String> frames) {
        open(new Level(levels.size() + 1, evaluation, condition, "   [Java exception of type " + exceptionClass + "]",
                List.copyOf(frames), null));
    }

    /**
     * Opens a level for {@code evaluation}, interrupted while {@code where} shows it running.
     *
     * @param stop stops the evaluation, if the user chooses abort
     */
    synchronized void interrupted(SwankCall evaluation, RunningSnippet where, Runnable stop) {
        open(new Level(levels.size() + 1, evaluation, "Interrupted: the evaluation was here, and runs on",
                "   [thread " + where.thread() + ", sampled at the interrupt; abort stops it, continue leaves it running]",
                where.frames(), stop));
    }

    /** Whether {@code evaluation} already has an interrupt level open. */
    synchronized boolean isInterrupted(SwankCall evaluation) {
        return levels.stream().anyMatch(l -> l.continuable() && l.evaluation() == evaluation);
    }

    private void open(Level level) {
        levels.push(level);
        connection.send(Sexp.list(Sexp.kw("debug"), Sexp.integer(SwankConnection.REPL_THREAD),
                Sexp.integer(level.number()), conditionOf(level), level.restarts(),
                frames(level, 0, level.frames().size()), Sexp.list(level.evaluation().id())));
        connection.send(Sexp.list(Sexp.kw("debug-activate"), Sexp.integer(SwankConnection.REPL_THREAD),
                Sexp.integer(level.number()), Sexp.NIL));
    }

    /**
     * Leaves every level from {@code number} up: {@code restart} (the request that asked) is answered first,
     * then each level closes and its evaluation ends as aborted, as SBCL's swank does.
     */
    synchronized void abortTo(int number, SwankCall restart) {
        restart.abort(null);
        while (!levels.isEmpty() && levels.peek().number() >= number) {
            Level level = levels.pop();
            returnFrom(level);
            if (level.continuable()) {
                level.stop().run(); // the evaluation then ends as interrupted, by itself
            } else {
                level.evaluation().abort(level.condition());
            }
        }
    }

    /** Leaves the innermost level. */
    synchronized void abortInnermost(SwankCall restart) {
        abortTo(levels.isEmpty() ? 1 : levels.peek().number(), restart);
    }

    /** {@code sldb-continue}: continues the innermost level when it is an interrupt's; else aborts it, as before. */
    synchronized void continueInnermost(SwankCall restart) {
        if (levels.isEmpty() || !levels.peek().continuable()) {
            abortInnermost(restart);
            return;
        }
        restart.abort(null); // as a Lisp's continue restart unwinds: SLIME reads :ok as "no continue restart"
        returnFrom(levels.pop());
    }

    /** {@code invoke-nth-restart-for-emacs LEVEL N}: restart 0 aborts; restart 1 of an interrupt's level continues. */
    synchronized void invokeRestart(int number, int restartIndex, SwankCall restart) {
        if (restartIndex == 1 && !levels.isEmpty() && levels.peek().number() == number && levels.peek().continuable()) {
            continueInnermost(restart);
        } else {
            abortTo(number, restart);
        }
    }

    /** {@code evaluation} has ended: an interrupt's level still open for it, innermost, closes. */
    synchronized void ended(SwankCall evaluation) {
        if (!levels.isEmpty() && levels.peek().continuable() && levels.peek().evaluation() == evaluation) {
            returnFrom(levels.pop());
        }
    }

    private void returnFrom(Level level) {
        connection.send(Sexp.list(Sexp.kw("debug-return"), Sexp.integer(SwankConnection.REPL_THREAD),
                Sexp.integer(level.number()), Sexp.NIL));
    }

    /** {@code swank:backtrace START END}: frames of the innermost level, END nil meaning all. */
    synchronized Sexp backtrace(int start, Integer end) {
        Level level = levels.peek();
        if (level == null) {
            return Sexp.NIL;
        }
        int to = end == null ? level.frames().size() : Math.min(end, level.frames().size());
        return frames(level, Math.min(start, to), to);
    }

    /** {@code swank:debugger-info-for-emacs START END}: what {@code :debug} showed, for re-displaying. */
    synchronized Sexp info(int start, Integer end) {
        Level level = levels.peek();
        if (level == null) {
            return Sexp.NIL;
        }
        return Sexp.list(conditionOf(level), level.restarts(), backtrace(start, end), Sexp.list(level.evaluation().id()));
    }

    private static Sexp conditionOf(Level level) {
        return Sexp.list(Sexp.str(level.condition()), Sexp.str(level.typeLine()), Sexp.NIL);
    }

    private static Sexp frames(Level level, int from, int to) {
        List<Sexp> frames = new ArrayList<>();
        for (int i = from; i < to; i++) {
            frames.add(Sexp.list(Sexp.integer(i), Sexp.str(level.frames().get(i))));
        }
        return Sexp.list(frames);
    }
}
