package dev.spotrun.docker;

import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.Backoff;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a container's exit without trusting one connection with it. The engine's wait is a request that
 * is answered only at the exit, so a connection that went silent (the machine's packets dropped, no reset;
 * a proxy on the way keeps the TCP connection itself alive, so keepalive does not notice) would look like a
 * container that still runs until the run's timeout. So each wait lasts a slice of {@link #SLICE} at most,
 * and after each the container is looked at with a fresh request of its own, bounded in time: an engine that
 * answers none of them for {@link #UNANSWERED} is unreachable, well within a minute of going silent.
 */
final class ExitWait {

    /** The longest one wait request is trusted to stay silent. */
    static final Duration SLICE = Duration.ofSeconds(10);
    /** How long the engine may leave every look at the container unanswered before it counts as unreachable. */
    static final Duration UNANSWERED = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /** The engine's two answers about a container. */
    interface Engine {
        /** Waits up to {@code slice} for the exit; its code, or null when the slice passed first. */
        Integer exitWithin(String containerId, Duration slice);

        /** The exit code of a container that no longer runs, or null while it runs. */
        Integer exitCode(String containerId);
    }

    private final Engine engine;
    private final EngineFailures failures;
    private final Clock clock;
    private final Sleeper sleeper;

    ExitWait(Engine engine, EngineFailures failures, Clock clock, Sleeper sleeper) {
        this.engine = engine;
        this.failures = failures;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    int await(String containerId, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Instant answered = clock.instant();
        Backoff pauses = new Backoff(FIRST_PAUSE, MAX_PAUSE);
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new TimedOut(Phase.RUN, timeout, "container " + containerId + " still runs");
            }
            Integer code = waitSlice(containerId, left.compareTo(SLICE) < 0 ? left : SLICE);
            if (code != null) {
                return code;
            }
            try {
                code = engine.exitCode(containerId);
                answered = clock.instant();
                pauses.reset();
                if (code != null) {
                    return code;
                }
            } catch (RuntimeException e) {
                failIfGone(containerId, answered, e);
                sleep(Backoff.atMost(pauses.next(), left));
            }
        }
    }

    /** One slice of waiting; null when it passed or its connection broke (the look that follows tells). */
    private Integer waitSlice(String containerId, Duration slice) {
        try {
            return engine.exitWithin(containerId, slice);
        } catch (RuntimeException e) {
            if (!EngineFailures.connectionBroke(e)) {
                throw failures.translate(operation(containerId), e);
            }
            failures.connectionLost();
            return null;
        }
    }

    private void failIfGone(String containerId, Instant answered, RuntimeException e) {
        if (!EngineFailures.connectionBroke(e)) {
            throw failures.translate(operation(containerId), e);
        }
        Duration silent = Duration.between(answered, clock.instant());
        if (silent.compareTo(UNANSWERED) >= 0) {
            java.io.IOException io = EngineFailures.find(e, java.io.IOException.class);
            throw new EngineUnreachable(failures.address(), "it answered nothing about container " + containerId
                    + " for " + silent.toSeconds() + " s while it ran (last: " + (io == null || io.getMessage() == null
                    ? String.valueOf(io) : io.getMessage()) + ")", e);
        }
    }

    private void sleep(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            throw EngineFailures.cancelled(operation("the container"));
        }
    }

    private static String operation(String containerId) {
        return "wait for container " + containerId;
    }
}
