package dev.hotline.server.ops;

/** A request that names a known op but is missing a key or gives a bad value. */
public final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
