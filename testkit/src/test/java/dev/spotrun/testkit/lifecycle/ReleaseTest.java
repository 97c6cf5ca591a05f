package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.testkit.CallHold;
import dev.spotrun.testkit.InMemoryCompute;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run gives its machine back and does not wait for the cloud to let go of what the run made besides it (EC2 holds
 * a run's security group until its terminated machine is fully gone, up to minutes later): that is left marked for
 * the next run, which releases it while its own machine boots. The in-memory cloud takes 40 s of virtual time to
 * terminate a machine, as EC2 often does.
 */
@Timeout(20)
class ReleaseTest {

    private final Lifecycle lifecycle = new Lifecycle();
    private final InMemoryCompute compute = lifecycle.cloud.compute();

    @Test
    void aRunDoesNotWaitForItsTerminatedMachineToLetGoOfWhatTheRunMade() {
        Instant start = lifecycle.cloud.clock().instant();
        RunResult result = lifecycle.run(Lifecycle.spec("echo hello"));

        assertThat(result.exitCode()).isZero();
        assertThat(compute.liveInstances()).as("its machine is given back").isEmpty();
        assertThat(lifecycle.events.events(RunEvent.ReleaseDeferred.class)).singleElement()
                .extracting(RunEvent.ReleaseDeferred::runId).isEqualTo(result.runId());
        assertThat(lifecycle.events.events(RunEvent.ReleaseFailed.class)).isEmpty();
        Instant terminated = lifecycle.events.events(RunEvent.InstanceTerminated.class).get(0).at();
        Instant finished = lifecycle.events.events(RunEvent.RunFinished.class).get(0).at();
        assertThat(Duration.between(terminated, finished)).as("no wait after the termination").isLessThan(
                Duration.ofSeconds(1));
        assertThat(compute.leftovers(start).staleRuns()).as("over, and left for later").contains(result.runId());
        assertThat(compute.releaseEnded()).as("its machine is still going away").doesNotContain(result.runId());
    }

    @Test
    void theNextRunReleasesWhatAnEndedRunLeftOnceItsMachineIsGone() {
        RunResult first = lifecycle.run(Lifecycle.spec("echo first"));
        lifecycle.cloud.clock().advance(Duration.ofMinutes(1));

        RunResult second = lifecycle.run(Lifecycle.spec("echo second"));

        assertThat(second.exitCode()).isZero();
        assertThat(lifecycle.events.events(RunEvent.EndedRunsReleased.class)).singleElement()
                .extracting(RunEvent.EndedRunsReleased::runIds).asList().containsExactly(first.runId());
        assertThat(compute.leftovers(lifecycle.cloud.clock().instant().plus(Duration.ofDays(30))).staleRuns())
                .as("the first run's leftovers").doesNotContain(first.runId());
    }

    @Test
    void anEndedRunWhoseMachineIsStillGoingAwayIsLeftForALaterRun() {
        RunResult first = lifecycle.run(Lifecycle.spec("echo first"));

        lifecycle.run(Lifecycle.spec("echo second"));

        assertThat(lifecycle.events.events(RunEvent.EndedRunsReleased.class)).isEmpty();
        assertThat(compute.releaseEnded()).as("still held").doesNotContain(first.runId());
        lifecycle.cloud.clock().advance(Duration.ofMinutes(1));
        assertThat(compute.releaseEnded()).as("a later run's release").contains(first.runId());
    }

    @Test
    void aCloudSlowToReleaseEndedRunsDoesNotHoldTheRunUp() throws InterruptedException {
        lifecycle.run(Lifecycle.spec("echo first"));
        lifecycle.cloud.clock().advance(Duration.ofMinutes(1));
        CallHold releasing = compute.hold("releaseEnded");

        RunResult second = lifecycle.run(Lifecycle.spec("echo second"));

        assertThat(second.exitCode()).isZero();
        releasing.awaitArrival(Duration.ofSeconds(5));
        assertThat(lifecycle.events.events(RunEvent.EndedRunsReleased.class)).as("not waited for").isEmpty();
        releasing.release();
    }
}
