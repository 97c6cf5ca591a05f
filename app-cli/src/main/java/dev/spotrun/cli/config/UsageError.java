package dev.spotrun.cli.config;

/** The user asked for something that cannot be done as asked; nothing was created. Its message says what to do. */
public final class UsageError extends RuntimeException {

    public UsageError(String message) {
        super(message);
    }

    public UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
