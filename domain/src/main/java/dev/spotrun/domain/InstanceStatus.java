package dev.spotrun.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the cloud says about a machine now.
 *
 * @param state       its state
 * @param interrupted whether the cloud took it back (a spot interruption), rather than anyone asking
 * @param reason      the cloud's reason, e.g. {@code Server.SpotInstanceTermination}, or the status code of an
 *                    interruption notice, e.g. {@code marked-for-termination}, or ""
 * @param takeBackAt  when the cloud said it will take the still running machine back (a spot interruption
 *                    notice), or null when it said nothing of the kind; see {@link #notice()}
 */
public record InstanceStatus(InstanceState state, boolean interrupted, String reason, Instant takeBackAt) {

    public InstanceStatus {
        Objects.requireNonNull(state, "state");
        reason = Objects.requireNonNullElse(reason, "");
    }

    public InstanceStatus(InstanceState state, boolean interrupted, String reason) {
        this(state, interrupted, reason, null);
    }

    public static InstanceStatus of(InstanceState state) {
        return new InstanceStatus(state, false, "");
    }

    /** A running machine the cloud will take back at {@code takeBackAt}, for {@code reason} (its status code). */
    public static InstanceStatus noticed(Instant takeBackAt, String reason) {
        return new InstanceStatus(InstanceState.RUNNING, false, reason, Objects.requireNonNull(takeBackAt));
    }

    /**
     * When the cloud will take the machine back, while it still runs: empty when no notice was given, or when
     * the machine is gone already (then {@link #interrupted()} says so).
     */
    public Optional<Instant> notice() {
        return interrupted || state.isGone() ? Optional.empty() : Optional.ofNullable(takeBackAt);
    }
}
