package dev.hotline.client.kernel;

import java.util.List;

/**
 * A cell that failed, as Jupyter's {@code error} message says it: the exception's class (or what kind of failure
 * it is), its message, and the lines a notebook shows under it.
 */
final class CellFailure extends Exception {
    private final String name;
    private final List<String> traceback;

    CellFailure(String name, String message, List<String> traceback) {
        super(message);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    String name() {
        return name;
    }

    List<String> traceback() {
        return traceback;
    }
}
