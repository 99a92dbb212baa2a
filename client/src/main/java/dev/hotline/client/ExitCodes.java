package dev.hotline.client;

/**
 * The exit codes of {@code hotline}, part of its interface: scripts branch on them.
 * <ul>
 *   <li>0: everything ran;</li>
 *   <li>1: the code ran into an error (exception, compile error, interrupted);</li>
 *   <li>2: the command line is wrong;</li>
 *   <li>3: the service cannot be reached or refused the token;</li>
 *   <li>4: the evaluation did not finish within {@code --timeout}.</li>
 * </ul>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int EVAL_FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_CONNECT = 3;
    public static final int TIMEOUT = 4;

    private ExitCodes() {
    }
}
