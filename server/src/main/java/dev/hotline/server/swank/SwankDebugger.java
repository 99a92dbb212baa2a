package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * SLIME's debugger (sldb) for exceptions thrown by evaluations. An evaluation that throws is not answered
 * yet: {@code :debug} shows the exception, its Java stack as frames and one restart, abort; the evaluation
 * is answered {@code :abort} when the user leaves the debugger ({@code sldb-abort}, {@code throw-to-toplevel}
 * or restart 0). Levels nest when another evaluation throws while the debugger is open.
 */
final class SwankDebugger {
    private static final Sexp RESTARTS = Sexp.list(Sexp.list(Sexp.str("*ABORT"), Sexp.str("Return to SLIME's top level.")));

    /** One open debugger level: the evaluation it holds back, and what it shows. */
    private record Level(int number, SwankCall evaluation, String condition, String typeLine, List<String> frames) {
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
        Level level = new Level(levels.size() + 1, evaluation, condition,
                "   [Java exception of type " + exceptionClass + "]", List.copyOf(frames));
        levels.push(level);
        connection.send(Sexp.list(Sexp.kw("debug"), Sexp.integer(SwankConnection.REPL_THREAD),
                Sexp.integer(level.number()), conditionOf(level), RESTARTS, frames(level, 0, level.frames().size()),
                Sexp.list(evaluation.id())));
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
            connection.send(Sexp.list(Sexp.kw("debug-return"), Sexp.integer(SwankConnection.REPL_THREAD),
                    Sexp.integer(level.number()), Sexp.NIL));
            level.evaluation().abort(level.condition());
        }
    }

    /** Leaves the innermost level. */
    synchronized void abortInnermost(SwankCall restart) {
        abortTo(levels.isEmpty() ? 1 : levels.peek().number(), restart);
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
        return Sexp.list(conditionOf(level), RESTARTS, backtrace(start, end), Sexp.list(level.evaluation().id()));
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
