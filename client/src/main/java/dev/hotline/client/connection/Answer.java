package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All the replies to one native request, in order, up to and including the final one (whose status holds
 * {@code :done}): what a script or a benchmark wants from a request when it does not stream.
 *
 * @param replies never empty; the last is the final reply
 */
public record Answer(List<Plist> replies) {

    /** Where replies come from: the next one, or null when the connection has ended. */
    @FunctionalInterface
    public interface Replies {
        Plist next() throws IOException, CliException;
    }

    /**
     * Reads replies to request {@code id} until its final one; replies to other requests and events are
     * skipped.
     *
     * @throws IOException when the connection ends first
     */
    public static Answer collect(Replies source, long id) throws IOException, CliException {
        List<Plist> replies = new ArrayList<>();
        for (Plist reply = source.next(); reply != null; reply = source.next()) {
            if (reply.integer(Wire.ID).map(i -> i == id).orElse(false)) {
                replies.add(reply);
                if (reply.keywords(Wire.STATUS).contains(Wire.DONE)) {
                    return new Answer(List.copyOf(replies));
                }
            }
        }
        throw new IOException("the connection ended before request " + id + " was answered");
    }

    /** The final reply. */
    public Plist last() {
        return replies.get(replies.size() - 1);
    }

    /** Whether the request ended with {@code (:error KIND :done)}. */
    public boolean failed() {
        return last().keywords(Wire.STATUS).contains(Wire.ERROR);
    }

    /** What the failure says, or empty when the request succeeded. */
    public Optional<String> message() {
        return failed() ? last().string(Wire.MESSAGE) : Optional.empty();
    }

    /** The last {@code :value} of the replies (an eval's last expression), if any. */
    public Optional<String> value() {
        Optional<String> value = Optional.empty();
        for (Plist reply : replies) {
            Optional<String> here = reply.string(Wire.VALUE);
            if (here.isPresent()) {
                value = here;
            }
        }
        return value;
    }

    /** Every {@code :out} text of the replies, joined. */
    public String out() {
        StringBuilder text = new StringBuilder();
        replies.forEach(reply -> reply.string(Wire.OUT).ifPresent(text::append));
        return text.toString();
    }
}
