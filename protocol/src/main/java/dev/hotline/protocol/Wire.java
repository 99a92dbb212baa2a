package dev.hotline.protocol;

/**
 * The native dialect's vocabulary: the keys and status keywords every native client and the server
 * agree on. Op names live with their descriptors on the server and are listed by the {@code describe}
 * op; see {@code protocol/PROTOCOL.md} for the whole exchange.
 */
public final class Wire {
    private Wire() {
    }

    // Request and reply keys.
    public static final String OP = "op";
    public static final String ID = "id";
    public static final String SESSION = "session";
    public static final String CODE = "code";
    public static final String OUT = "out";
    public static final String ERR = "err";
    public static final String VALUE = "value";
    public static final String TYPE = "type";
    public static final String DECLARED = "declared";
    public static final String STATUS = "status";
    public static final String MESSAGE = "message";
    public static final String EXCEPTION = "exception";
    public static final String TRACE = "trace";
    public static final String DIAGNOSTICS = "diagnostics";
    public static final String SNIPPET = "snippet";
    public static final String LINE = "line";
    public static final String COLUMN = "column";
    public static final String NEW_SESSION = "new-session";
    public static final String INTERRUPT_ID = "interrupt-id";

    // Status keywords: every exchange ends with a reply whose :status holds DONE.
    public static final String DONE = "done";
    public static final String ERROR = "error";
    public static final String EVAL_ERROR = "eval-error";
    public static final String COMPILE_ERROR = "compile-error";
    public static final String INCOMPLETE = "incomplete";
    public static final String INTERRUPTED = "interrupted";
    public static final String UNKNOWN_OP = "unknown-op";
    public static final String BAD_REQUEST = "bad-request";
    public static final String AUTH_FAILED = "auth-failed";
    /** The connection's role (observe) does not allow the request; the message names the role it needs. */
    public static final String FORBIDDEN = "forbidden";
    public static final String SERVER_ERROR = "server-error";
    public static final String TRACE_ERROR = "trace-error";
    public static final String PROBE_ERROR = "probe-error";

    /** The status of a final reply that succeeded: {@code (:done)}. */
    public static Sexp doneStatus() {
        return Sexp.list(Sexp.kw(DONE));
    }

    /**
     * Ends {@code reply} as a failure: {@code :status (:error KIND :done) :message MESSAGE}. The one place the
     * error ending of a native reply is spelled, for the server's replies and the client's own.
     *
     * @param kind one of the error kinds above ({@link #EVAL_ERROR}, {@link #BAD_REQUEST}...)
     * @param message what happened and what to do, for a person
     */
    public static Plist.Builder failed(Plist.Builder reply, String kind, String message) {
        return reply.put(STATUS, Sexp.list(Sexp.kw(ERROR), Sexp.kw(kind), Sexp.kw(DONE))).put(MESSAGE, message);
    }
}
