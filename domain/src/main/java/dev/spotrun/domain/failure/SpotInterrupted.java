package dev.spotrun.domain.failure;

/** The cloud took the spot machine back during the run. */
public final class SpotInterrupted extends SpotrunException {

    private final String instanceId;
    private final String reason;

    public SpotInterrupted(String instanceId, String reason) {
        super("spot instance " + instanceId + " was interrupted (" + reason + ")", true);
        this.instanceId = instanceId;
        this.reason = reason;
    }

    public String instanceId() {
        return instanceId;
    }

    public String reason() {
        return reason;
    }
}
