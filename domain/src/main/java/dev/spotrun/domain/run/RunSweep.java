package dev.spotrun.domain.run;

import dev.spotrun.domain.Retry;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.SpotrunException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's last step, after its attempts, shielded from cancels: it does not trust that every launch was
 * answered and every machine terminated. It asks again for the launches whose answer was lost (their client
 * token returns the machine the cloud made, if any), lists the run's machines by its run-id tag, terminates
 * every one that still lives, and then releases what the run made besides machines (its security group).
 */
final class RunSweep {

    /** Listing the run's machines: a cloud that does not answer at all is not waited on for long. */
    private static final Retry LIST = new Retry(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), 4);
    /** Releasing waits while a just-terminated machine still holds the group, then gives up to {@code gc}. */
    private static final Retry RELEASE = new Retry(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(1), 16);

    private final RunContext context;
    private final Launches launches;

    RunSweep(RunContext context) {
        this.context = context;
        this.launches = context.launches();
    }

    void sweep() {
        reaskUnanswered();
        Set<String> alive = new LinkedHashSet<>(launches.toTerminate());
        listed().stream().map(InstanceSummary::id).filter(id -> !launches.handled(id)).forEach(alive::add);
        Terminator terminator = new Terminator(context);
        alive.forEach(id -> terminator.terminate(launches.attemptOf(id), id));
        if (launches.failures().isEmpty()) {
            release();
        }
    }

    private void reaskUnanswered() {
        for (LaunchRequest request : launches.unanswered()) {
            try {
                Instance instance = context.compute().launch(request);
                launches.answered(request, instance);
            } catch (CapacityUnavailable | CloudRejected | CloudNotConfigured | CallerAddressUnknown
                     | InvalidRunSpec madeNothing) {
                launches.refused(request);
            } catch (RuntimeException stillUnknown) {
                // The run's tag finds the machine below, if the cloud lists it already.
            }
        }
    }

    private List<InstanceSummary> listed() {
        try {
            return LIST.run(context.clock(), Retry.uninterruptibly(context.sleeper()), RunSweep::mayPass,
                    (e, tryNumber, again) -> { }, () -> context.compute().instancesOfRun(context.runId()));
        } catch (RuntimeException unreachable) {
            return List.of(); // What the run knows it launched was terminated above; the rest ends by itself.
        }
    }

    /** A failure that says no retry helps (no credentials, a refusal) ends the waiting at once. */
    private static boolean mayPass(RuntimeException e) {
        return !(e instanceof SpotrunException known) || known.retryable();
    }

    /** A group kept while a machine of the run lives, or that could not be deleted, is left to {@code gc}. */
    private void release() {
        try {
            RELEASE.run(context.clock(), Retry.uninterruptibly(context.sleeper()), RunSweep::mayPass,
                    (e, tryNumber, again) -> { }, () -> {
                        if (!context.compute().releaseRun(context.runId())) {
                            throw new IllegalStateException("a machine of the run still holds what it made");
                        }
                        return null;
                    });
        } catch (RuntimeException e) {
            context.events().emit(at -> new RunEvent.ReleaseFailed(at, context.runId(), String.valueOf(e.getMessage())));
        }
    }
}
