package dev.spotrun.domain.failure;

/** The cloud could not be reached or kept failing after the client's own retries. */
public final class CloudUnavailable extends SpotrunException {

    public CloudUnavailable(String message, Throwable cause) {
        super(message, true, cause);
    }
}
