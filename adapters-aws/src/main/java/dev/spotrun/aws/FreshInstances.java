package dev.spotrun.aws;

import dev.spotrun.domain.Retry;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The machines this process launched, and when. EC2 is eventually consistent: for a while after RunInstances
 * answered, DescribeInstances and TerminateInstances of the new id may answer InvalidInstanceID.NotFound. For
 * an id EC2 itself handed out that is not "gone" but "not visible yet", so such answers are waited out for up
 * to {@link #WINDOW} instead of being believed.
 */
final class FreshInstances {

    /** How long after its launch a NotFound for a machine is taken as EC2 not showing it yet. */
    static final Duration WINDOW = Duration.ofMinutes(2);
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Instant> launchedAt = new ConcurrentHashMap<>();

    FreshInstances(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    void launched(String instanceId) {
        launchedAt.putIfAbsent(instanceId, clock.instant());
    }

    void forget(String instanceId) {
        launchedAt.remove(instanceId);
    }

    /** Whether a NotFound for this id may still be EC2 not showing it yet. */
    boolean mayBeInvisible(String instanceId) {
        Instant at = launchedAt.get(instanceId);
        return at != null && clock.instant().isBefore(at.plus(WINDOW));
    }

    /**
     * Makes {@code call}, and makes it again, a second apart, while it fails with a NotFound for a machine
     * EC2 may not show yet; throws the last failure otherwise.
     */
    <T> T untilVisible(String instanceId, String what, Predicate<RuntimeException> notFound, Supplier<T> call) {
        Instant at = launchedAt.get(instanceId);
        Duration left = at == null ? Duration.ZERO : Duration.between(clock.instant(), at.plus(WINDOW));
        Retry retry = new Retry(PAUSE, PAUSE, left.isNegative() ? Duration.ZERO : left, Integer.MAX_VALUE);
        return retry.run(clock, wait -> pause(what, wait), notFound, Retry.quietly(), call);
    }

    private boolean pause(String what, Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled(what + " was cancelled");
        }
    }
}
