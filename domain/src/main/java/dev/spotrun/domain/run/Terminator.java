package dev.spotrun.domain.run;

import dev.spotrun.domain.Retry;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TerminateFailed;
import java.time.Duration;

/**
 * Terminates a machine, retrying what may pass (throttling, a cloud that does not answer) for a minute, and
 * records a final failure in the run's {@link Launches} instead of hiding it. Called with the run shielded
 * from cancels: nothing cuts it short.
 */
final class Terminator {

    /** A machine that cannot be terminated within this still ends itself by its dead-man switch and expiry. */
    static final Retry RETRY = new Retry(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(1), 64);

    private final RunContext context;

    Terminator(RunContext context) {
        this.context = context;
    }

    /** Returns whether the machine is terminated. */
    boolean terminate(int attempt, String instanceId) {
        try {
            RETRY.run(context.clock(), Retry.uninterruptibly(context.sleeper()), Terminator::mayPass,
                    (e, tryNumber, again) -> context.events().emit(at -> new RunEvent.TerminateFailed(at, attempt,
                            instanceId, String.valueOf(e.getMessage()), again)),
                    () -> {
                        context.compute().terminate(instanceId);
                        return null;
                    });
        } catch (RuntimeException e) {
            context.launches().terminateFailed(instanceId, new TerminateFailed(instanceId, e));
            return false;
        }
        context.launches().terminated(instanceId);
        context.events().emit(at -> new RunEvent.InstanceTerminated(at, attempt, instanceId));
        return true;
    }

    /** Credentials or permissions do not come back by waiting; everything else may. */
    private static boolean mayPass(RuntimeException e) {
        return !(e instanceof SpotrunException known) || known.retryable();
    }
}
