package dev.hotline.server.trace;

import dev.hotline.protocol.CallSummary;
import dev.hotline.protocol.TraceCall;

/**
 * Where a trace's reports go: the client that asked, in its dialect's form. Called on the tracer's thread only;
 * calls are given only while {@link #isWritable}, so a slow client makes calls be dropped, never the traced
 * threads wait.
 */
public interface TraceListener {
    /** False once the client has gone; the trace then ends. */
    boolean isOpen();

    /** Whether the client can take more now. */
    boolean isWritable();

    /** The trace is on; its calls follow. Called before any of them. */
    void started(Trace trace);

    /** A traced call; it may wait in the client's buffer until {@link #flush}. */
    void call(TraceCall call);

    /** Sends the calls given so far. */
    void flush();

    /** Something the client should know about the trace, such as its condition failing on a call. */
    void note(String text);

    /** A monitor's summary of the calls that ended in its last interval; only monitors call it. */
    default void interval(CallSummary summary) {
    }

    /** {@code count} calls were not shown since the last report, because the client read too slowly. */
    void dropped(long count);

    /** The trace has ended, and its class's code is back as it was; the last report. */
    void ended(TraceSummary summary);
}
