package dev.spotrun.domain;

import java.util.Objects;

/**
 * What the cloud says about a machine now.
 *
 * @param state       its state
 * @param interrupted whether the cloud took it back (a spot interruption), rather than anyone asking
 * @param reason      the cloud's reason, e.g. {@code Server.SpotInstanceTermination}, or ""
 */
public record InstanceStatus(InstanceState state, boolean interrupted, String reason) {

    public InstanceStatus {
        Objects.requireNonNull(state, "state");
        reason = Objects.requireNonNullElse(reason, "");
    }

    public static InstanceStatus of(InstanceState state) {
        return new InstanceStatus(state, false, "");
    }
}
