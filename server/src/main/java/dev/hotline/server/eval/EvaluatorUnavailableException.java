package dev.hotline.server.eval;

/**
 * A session's evaluator could not do what was asked because the process that compiles for it (a compile host)
 * is gone or failed. The message is for the person who asked: what happened and what happens next.
 */
public final class EvaluatorUnavailableException extends RuntimeException {
    public EvaluatorUnavailableException(String message) {
        super(message);
    }
}
