package dev.spotrun.domain.failure;

/** The machine stopped or terminated for another reason than a spot interruption before the run ended. */
public final class InstanceFailed extends SpotrunException {

    private final String instanceId;

    public InstanceFailed(String instanceId, String reason) {
        super("instance " + instanceId + " failed: " + reason, true);
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }
}
