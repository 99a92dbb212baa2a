package dev.hotline.client.core;

/** A failure that ends the command with a message and a specific {@link ExitCodes exit code}. */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
