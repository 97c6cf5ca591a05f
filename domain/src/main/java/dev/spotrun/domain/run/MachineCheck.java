package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.Locale;

/**
 * Asks the cloud whether an attempt's machine is still there, on the attempt's own thread: while its engine
 * does not answer, and when a step failed on it. A machine the cloud took back ends the attempt with what the
 * cloud said, not with what broke first.
 */
final class MachineCheck {

    private MachineCheck() {
    }

    /**
     * @throws SpotInterrupted when the cloud interrupted the machine (reported as an event first)
     * @throws InstanceFailed  when the machine is gone otherwise
     */
    static void failIfGone(RunContext context, int attempt, Instance instance) {
        SpotrunException gone = gone(context, attempt, instance, context.compute().status(instance.id()));
        if (gone != null) {
            throw gone;
        }
    }

    /**
     * What {@code status} says of the machine: an interruption (reported as an event first), another end, or
     * null while it is there. The attempt's thread and the machine's watch read the cloud's answer alike.
     */
    static SpotrunException gone(RunContext context, int attempt, Instance instance, InstanceStatus status) {
        if (status.interrupted()) {
            context.events().emit(at -> new RunEvent.InstanceInterrupted(at, attempt, instance.id(), status.reason()));
            return new SpotInterrupted(instance.id(), status.reason());
        }
        if (status.state().isGone()) {
            return new InstanceFailed(instance.id(), "it is " + status.state().name().toLowerCase(Locale.ROOT)
                    + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
        }
        return null;
    }
}
