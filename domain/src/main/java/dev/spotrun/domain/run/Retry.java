package dev.spotrun.domain.run;

import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Tries a call again after a failure that may pass, with doubling waits up to a cap, until it succeeds, fails
 * for good, or runs out of tries or time. Time comes from the lifecycle's clock and sleeper, so a test proves a
 * five-minute budget in milliseconds.
 *
 * @param first  the first wait
 * @param cap    the longest wait
 * @param budget how long, from the first try, another try may still start
 * @param tries  the most tries, the first included
 */
record Retry(Duration first, Duration cap, Duration budget, int tries) {

    /** What a loop is told after each failed try. */
    @FunctionalInterface
    interface Failed {
        void failed(RuntimeException failure, int tryNumber, boolean again);
    }

    /** How a loop waits between tries. */
    @FunctionalInterface
    interface Pause {
        /** Waits {@code duration}; false when the loop must stop (e.g. it was cancelled). */
        boolean pause(Duration duration);
    }

    <T> T run(Clock clock, Pause pause, Predicate<RuntimeException> retryable, Failed failed, Supplier<T> call) {
        Instant deadline = clock.instant().plus(budget);
        Duration wait = first;
        for (int tryNumber = 1; ; tryNumber++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                boolean again = tryNumber < tries && retryable.test(e)
                        && clock.instant().plus(wait).isBefore(deadline);
                failed.failed(e, tryNumber, again);
                if (!again || !pause.pause(wait)) {
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(cap) > 0 ? cap : wait.multipliedBy(2);
            }
        }
    }

    /** Waits on the sleeper whatever interrupts arrive, keeping the interrupt for later: clean-up must not stop. */
    static Pause uninterruptibly(Sleeper sleeper) {
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
}
