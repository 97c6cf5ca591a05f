package dev.spotrun.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A machine found by its spotrun tags, for listing a run's machines or sweeping expired ones.
 *
 * @param id        the machine's id
 * @param runId     its {@code spotrun:run-id} tag
 * @param owner     its {@code spotrun:owner} tag
 * @param expiresAt its {@code spotrun:expires-at} tag
 * @param state     its state
 */
public record InstanceSummary(String id, String runId, String owner, Instant expiresAt, InstanceState state) {

    public InstanceSummary {
        Objects.requireNonNull(id, "id");
        runId = Objects.requireNonNullElse(runId, "");
        owner = Objects.requireNonNullElse(owner, "");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
