package dev.spotrun.domain.failure;

/** A machine could not be terminated; it will still end itself at its expiry. */
public final class TerminateFailed extends SpotrunException {

    private final String instanceId;

    public TerminateFailed(String instanceId, Throwable cause) {
        super("instance " + instanceId + " could not be terminated (" + (cause == null ? "unknown" : cause.getMessage())
                + ")", false, cause);
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }
}
