package dev.spotrun.domain.failure;

/** The run was cancelled by the user (or a signal); its container was stopped and its machine terminated. */
public final class Cancelled extends SpotrunException {

    public Cancelled(String message) {
        super(message, false);
    }
}
