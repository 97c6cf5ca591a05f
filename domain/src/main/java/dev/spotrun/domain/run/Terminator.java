package dev.spotrun.domain.run;

import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.TerminateFailed;
import java.time.Duration;

/** Terminates a machine, retrying a few times, and reports a final failure instead of hiding it. */
final class Terminator {

    static final int TRIES = 4;
    private static final Duration FIRST_WAIT = Duration.ofMillis(500);

    private final RunContext context;

    Terminator(RunContext context) {
        this.context = context;
    }

    void terminate(int attempt, String instanceId) {
        Duration wait = FIRST_WAIT;
        for (int tryNumber = 1; ; tryNumber++) {
            try {
                context.compute().terminate(instanceId);
                context.events().emit(at -> new RunEvent.InstanceTerminated(at, attempt, instanceId));
                return;
            } catch (RuntimeException e) {
                boolean again = tryNumber < TRIES;
                context.events().emit(at -> new RunEvent.TerminateFailed(at, attempt, instanceId,
                        String.valueOf(e.getMessage()), again));
                if (!again) {
                    throw new TerminateFailed(instanceId, e);
                }
                sleepUninterruptibly(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    /** Termination must not be cut short by a second Ctrl-C: the interrupt is kept for later. */
    private void sleepUninterruptibly(Duration duration) {
        boolean interrupted = Thread.interrupted();
        try {
            context.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
