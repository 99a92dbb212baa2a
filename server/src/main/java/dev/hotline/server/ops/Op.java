package dev.hotline.server.ops;

/**
 * One operation of the native protocol. An op may answer at once or later from another thread, but every
 * request it receives must end with exactly one reply whose status holds {@code :done}
 * ({@link Request#done} or {@link Request#fail}).
 */
public interface Op {
    OpDescriptor descriptor();

    /**
     * Handles one request. Runs on the connection's I/O thread: anything slow must be handed to a session.
     *
     * @throws BadRequestException when the request is missing or misusing a key; the caller answers it
     */
    void handle(Request request) throws BadRequestException;
}
