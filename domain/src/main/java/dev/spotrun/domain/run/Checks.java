package dev.spotrun.domain.run;

import dev.spotrun.domain.failure.Cancelled;

final class Checks {

    private Checks() {
    }

    static void notCancelled(Cancellation cancellation) {
        if (cancellation.isRequested()) {
            throw new Cancelled("the run was cancelled");
        }
    }

    /** Sleeps, turning an interrupt into {@link Cancelled} with the flag kept. */
    static void sleep(RunContext context, java.time.Duration duration) {
        try {
            context.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("the run was cancelled");
        }
    }
}
