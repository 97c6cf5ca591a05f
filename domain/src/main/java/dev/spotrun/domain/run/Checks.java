package dev.spotrun.domain.run;

import dev.spotrun.domain.failure.Cancelled;
import java.time.Duration;
import java.time.Instant;

final class Checks {

    private Checks() {
    }

    static void notCancelled(Cancellation cancellation) {
        if (cancellation.isRequested()) {
            throw new Cancelled("the run was cancelled");
        }
    }

    /** The time left until {@code deadline} on the run's clock, never negative. */
    static Duration remaining(RunContext context, Instant deadline) {
        Duration left = Duration.between(context.clock().instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Sleeps, turning an interrupt into {@link Cancelled} with the flag kept. */
    static void sleep(RunContext context, Duration duration) {
        try {
            context.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("the run was cancelled");
        }
    }
}
