package dev.spotrun.domain.run;

import dev.spotrun.domain.Ahead;
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
 * every one that still lives, and then releases what the run made besides machines (its security group): at once
 * where it is free, and otherwise (a terminated machine still holds it) by leaving it to the next run or
 * {@code gc}, rather than waiting the minutes EC2 may take to let a terminated machine go.
 */
final class RunSweep {

    /** Listing the run's machines, or releasing it: a cloud that does not answer at all is not waited on for long. */
    private static final Retry LIST = new Retry(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), 4);

    private final RunContext context;
    private final Launches launches;

    RunSweep(RunContext context) {
        this.context = context;
        this.launches = context.launches();
    }

    /**
     * The listing by tag goes on while the machines the run knows of are terminated and the run released: it
     * finds only machines whose launch was never answered, and when it does, those are terminated and the run
     * released once more (a release keeps what a live machine holds).
     */
    void sweep() {
        reaskUnanswered();
        Ahead<List<InstanceSummary>> listing = Ahead.start("the run's machines", "spotrun-sweep", this::listed);
        Terminator terminator = new Terminator(context);
        launches.toTerminate().forEach(id -> terminator.terminate(launches.attemptOf(id), id));
        Release release = launches.failures().isEmpty() ? release() : Release.NOT_TRIED;
        Set<String> strays = new LinkedHashSet<>();
        listing.get().stream().map(InstanceSummary::id).filter(id -> !launches.handled(id)).forEach(strays::add);
        strays.forEach(id -> terminator.terminate(launches.attemptOf(id), id));
        if (!strays.isEmpty()) {
            release = launches.failures().isEmpty() ? release() : Release.NOT_TRIED;
        }
        if (release == Release.DEFERRED) {
            context.events().emit(at -> new RunEvent.ReleaseDeferred(at, context.runId()));
        }
        context.endedRuns().report();
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

    /**
     * One release, asked again only while the cloud does not answer it: what a machine going away still holds
     * is kept for the next run or {@code gc}, and what could not be released at all is left to {@code gc}.
     */
    private Release release() {
        try {
            return LIST.run(context.clock(), Retry.uninterruptibly(context.sleeper()), RunSweep::mayPass,
                    (e, tryNumber, again) -> { }, () -> context.compute().releaseRun(context.runId()))
                    ? Release.DONE : Release.DEFERRED;
        } catch (RuntimeException e) {
            context.events().emit(at -> new RunEvent.ReleaseFailed(at, context.runId(), String.valueOf(e.getMessage())));
            return Release.FAILED;
        }
    }

    /** How the release went: not tried while a machine could not be terminated, which gc then ends. */
    private enum Release { DONE, DEFERRED, FAILED, NOT_TRIED }
}
