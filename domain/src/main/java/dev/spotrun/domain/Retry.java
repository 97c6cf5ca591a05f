package dev.spotrun.domain;

import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Tries a call again after a failure that may pass, with doubling waits up to a cap, until it succeeds, fails
 * for good, or runs out of tries or time: the one retry loop of the lifecycle and the adapters. Time comes from
 * an injected clock and sleeper, so a test proves a five-minute budget in milliseconds.
 *
 * @param first  the first wait
 * @param cap    the longest wait
 * @param budget how long, from the first try, another try may still start
 * @param tries  the most tries, the first included
 */
public record Retry(Duration first, Duration cap, Duration budget, int tries) {

    /** What a loop is told after each failed try. */
    @FunctionalInterface
    public interface Failed {
        void failed(RuntimeException failure, int tryNumber, boolean again);
    }

    /** How a loop waits between tries. */
    @FunctionalInterface
    public interface Pause {
        /** Waits {@code duration}; false when the loop must stop (e.g. it was cancelled). */
        boolean pause(Duration duration);
    }

    /** Runs {@code call} until it returns, and returns its value; throws its last failure when it gives up. */
    public <T> T run(Clock clock, Pause pause, Predicate<RuntimeException> retryable, Failed failed, Supplier<T> call) {
        Instant deadline = clock.instant().plus(budget);
        Backoff waits = new Backoff(first, cap);
        for (int tryNumber = 1; ; tryNumber++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                Duration wait = waits.next();
                boolean again = tryNumber < tries && retryable.test(e)
                        && clock.instant().plus(wait).isBefore(deadline);
                failed.failed(e, tryNumber, again);
                if (!again || !pause.pause(wait)) {
                    throw e;
                }
            }
        }
    }

    /** Waits on the sleeper whatever interrupts arrive, keeping the interrupt for later: clean-up must not stop. */
    public static Pause uninterruptibly(Sleeper sleeper) {
        return duration -> {
            boolean interrupted = Thread.interrupted();
            try {
                sleeper.sleep(duration);
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        };
    }

    /** Waits on the sleeper; an interrupt ends the loop, the flag kept for the caller. */
    public static Pause interruptibly(Sleeper sleeper) {
        return duration -> {
            try {
                sleeper.sleep(duration);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** A loop that does not report its failed tries. */
    public static Failed quietly() {
        return (failure, tryNumber, again) -> { };
    }
}
