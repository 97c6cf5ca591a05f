package dev.spotrun.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a compute adapter needs to launch one machine.
 *
 * @param runId     the run this machine belongs to
 * @param attempt   1 for the first machine of a run, 2 for the first retry, ...
 * @param option    the type, market and place to try
 * @param machine   the rest of the machine requirements (image, profile, network, user tags)
 * @param engine    what the boot script installs so that the engine speaks mutual TLS
 * @param owner     who runs the job
 * @param expiresAt when the machine must be gone at the latest; it shuts itself down then
 */
public record LaunchRequest(String runId, int attempt, LaunchOption option, MachineSpec machine,
                            EngineBootstrap engine, String owner, Instant expiresAt) {

    public static final String TAG_RUN_ID = "spotrun:run-id";
    public static final String TAG_OWNER = "spotrun:owner";
    public static final String TAG_EXPIRES_AT = "spotrun:expires-at";
    public static final String TAG_ATTEMPT = "spotrun:attempt";

    public LaunchRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(engine, "engine");
        owner = Objects.requireNonNullElse(owner, "");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The user's tags plus spotrun's own; spotrun's win, so a user tag cannot hide a machine from the sweeper. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>(machine.tags());
        tags.put(TAG_RUN_ID, runId);
        tags.put(TAG_OWNER, owner.isEmpty() ? "unknown" : owner);
        tags.put(TAG_EXPIRES_AT, expiresAt.toString());
        tags.put(TAG_ATTEMPT, Integer.toString(attempt));
        return Map.copyOf(tags);
    }
}
