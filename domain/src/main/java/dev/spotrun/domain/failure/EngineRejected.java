package dev.spotrun.domain.failure;

/** The engine refused an operation, e.g. an invalid container option. */
public final class EngineRejected extends SpotrunException {

    public EngineRejected(String message, Throwable cause) {
        super(message, false, cause);
    }
}
