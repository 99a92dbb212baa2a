package dev.hotline.server.image;

/** An image file that cannot be used: not a zip, no manifest, another format or version, a missing entry. */
public final class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
