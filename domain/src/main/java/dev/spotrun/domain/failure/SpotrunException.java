package dev.spotrun.domain.failure;

/** The base of every failure spotrun reports. Its message is one line meant for the user. */
public class SpotrunException extends RuntimeException {

    private final boolean retryable;

    public SpotrunException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public SpotrunException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether trying again, on another machine or a little later, may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
