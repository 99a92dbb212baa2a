package dev.hotline.server.swank;

/** A Swank request Hotline cannot carry out as sent; its message becomes the request's abort reason. */
final class SwankException extends Exception {
    SwankException(String message) {
        super(message);
    }
}
