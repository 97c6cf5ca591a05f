package dev.spotrun.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a compute adapter needs to launch one machine.
 *
 * @param runId        the run this machine belongs to
 * @param attempt      1 for the first machine of a run, 2 for the first retry, ...
 * @param option       the type, market and place to try
 * @param machine      the rest of the machine requirements (image, profile, network, user tags)
 * @param engine       what the boot script installs so that the engine speaks mutual TLS
 * @param owner        who runs the job
 * @param expiresAt    when the machine must be gone at the latest; it shuts itself down then
 * @param abandonAfter how long the machine lives on once no client is connected to its engine (its dead-man
 *                     switch): it powers itself off then, so a killed spotrun leaves it only that long
 */
public record LaunchRequest(String runId, int attempt, LaunchOption option, MachineSpec machine,
                            EngineBootstrap engine, String owner, Instant expiresAt, Duration abandonAfter) {

    public static final String TAG_RUN_ID = "spotrun:run-id";
    public static final String TAG_OWNER = "spotrun:owner";
    public static final String TAG_EXPIRES_AT = "spotrun:expires-at";
    public static final String TAG_ATTEMPT = "spotrun:attempt";
    /** What a machine lives on without a client unless the run says otherwise. */
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofMinutes(5);

    public LaunchRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(engine, "engine");
        owner = Objects.requireNonNullElse(owner, "");
        Objects.requireNonNull(expiresAt, "expiresAt");
        abandonAfter = Objects.requireNonNullElse(abandonAfter, DEFAULT_ABANDON_AFTER);
    }

    /** A request whose machine is abandoned after {@link #DEFAULT_ABANDON_AFTER} without a client. */
    public LaunchRequest(String runId, int attempt, LaunchOption option, MachineSpec machine, EngineBootstrap engine,
                         String owner, Instant expiresAt) {
        this(runId, attempt, option, machine, engine, owner, expiresAt, DEFAULT_ABANDON_AFTER);
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

    /**
     * The idempotency key of this launch: the same for the same run, attempt and option, so that asking the
     * cloud again (after a lost or late answer) returns the machine it already made instead of a second one.
     * At most 64 ASCII characters, as EC2's ClientToken allows.
     */
    public String clientToken() {
        String optionText = option.instanceType() + "|" + option.market().label() + "|" + option.subnet() + "|"
                + option.zone();
        return runId + "-" + attempt + "-" + HexFormat.of().formatHex(sha256(optionText), 0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
