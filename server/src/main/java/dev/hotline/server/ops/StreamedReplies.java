package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.server.channel.RequestsInFlight;

/**
 * What a trace's and a probe's replies share: they stream on the request that started them while its client is
 * there, as fast as it reads, with notes and counts of what was not shown, until the final reply.
 */
abstract class StreamedReplies {
    protected final Request request;

    StreamedReplies(Request request) {
        this.request = request;
    }

    /** False once the client has gone or the request was answered. */
    public boolean isOpen() {
        return RequestsInFlight.clientPresent(request.connection().channel()) && !request.answered();
    }

    /** Whether the client can take more now. */
    public boolean isWritable() {
        return request.connection().channel().isWritable();
    }

    /** Sends what was written so far. */
    public void flush() {
        request.flush();
    }

    /** Something the client should know, at once. */
    public void note(String text) {
        request.send(Plist.builder().put("note", text));
    }

    /** {@code count} reports were not shown because the client read too slowly. */
    public void dropped(long count) {
        request.write(Plist.builder().put("dropped", count));
    }
}
