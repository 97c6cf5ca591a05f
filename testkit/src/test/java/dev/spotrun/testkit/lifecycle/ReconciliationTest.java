package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.run.RemoteRun;
import dev.spotrun.testkit.CallHold;
import dev.spotrun.testkit.InMemoryCompute;
import dev.spotrun.testkit.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clean-up cannot be cancelled and launches are reconciled, not trusted: against fakes as harsh as the AWS SDK
 * (a call on an interrupted thread is not made, an interrupt while a call is on the wire loses its answer).
 */
@Timeout(20)
class ReconciliationTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    private final Lifecycle lifecycle = new Lifecycle();
    private final InMemoryCompute compute = lifecycle.cloud.compute();
    private final String runId = RemoteRun.newRunId();

    /**
     * The run's machine is terminated; what it held for the run is released by the run, or, when the machine still
     * held it while going away, by the next run once the machine is gone (as EC2 lets a group go minutes later).
     */
    @AfterEach
    void nothingIsLeft() {
        assertThat(compute.liveInstances()).as("machines left").isEmpty();
        assertThat(lifecycle.cloud.engines().runningContainers()).isEmpty();
        lifecycle.cloud.clock().advance(Duration.ofMinutes(5));
        compute.releaseEnded();
        assertThat(compute.leftovers(VirtualClock.EPOCH.plus(Duration.ofDays(365))).staleRuns()).as("runs not released")
                .doesNotContain(runId);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private CompletableFuture<RunResult> start(RunSpec spec) {
        return CompletableFuture.supplyAsync(() -> lifecycle.cloud.remoteRun().run(runId, spec, lifecycle.logs,
                lifecycle.events, lifecycle.cancellation));
    }

    private static Throwable failureOf(CompletableFuture<RunResult> run) throws Exception {
        try {
            run.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the run succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void anyNumberOfCancelsDuringTheTerminationStillTerminatesAndReleases() throws Exception {
        CallHold terminating = compute.hold("terminate");
        CompletableFuture<RunResult> run = start(Lifecycle.spec("echo started; sleep infinity"));
        lifecycle.awaitEvent(RunEvent.ContainerStarted.class, ARRIVAL);
        lifecycle.cancellation.cancel(true);
        terminating.awaitArrival(ARRIVAL);
        for (int i = 0; i < 5; i++) {
            lifecycle.cancellation.cancel(i % 2 == 0);
        }
        terminating.release();
        assertThat(failureOf(run)).isInstanceOf(Cancelled.class);
        assertThat(lifecycle.events.events(RunEvent.InstanceTerminated.class)).hasSize(1);
        assertThat(lifecycle.events.events(RunEvent.TerminateFailed.class)).as("no try was cut short").isEmpty();
        assertThat(compute.releasedRuns()).contains(runId);
    }

    @Test
    void aCancelWhileTheLaunchIsOnTheWireKeepsItsAnswerAndTerminatesTheMachine() throws Exception {
        CallHold launching = compute.hold("launch");
        CompletableFuture<RunResult> run = start(Lifecycle.spec("echo never"));
        launching.awaitArrival(ARRIVAL);
        lifecycle.cancellation.cancel(true);
        lifecycle.cancellation.cancel(false);
        launching.release();
        assertThat(failureOf(run)).isInstanceOf(Cancelled.class);
        assertThat(compute.launchedIds()).hasSize(1);
        assertThat(lifecycle.events.events(RunEvent.InstanceLaunched.class)).hasSize(1);
        assertThat(compute.terminateCalls()).containsAll(compute.launchedIds());
        assertThat(lifecycle.events.events(RunEvent.ContainerStarted.class)).isEmpty();
    }

    @Test
    void aCancelDuringTheReleaseStillReleases() throws Exception {
        CallHold releasing = compute.hold("releaseRun");
        CompletableFuture<RunResult> run = start(Lifecycle.spec("echo started; sleep infinity"));
        lifecycle.awaitEvent(RunEvent.ContainerStarted.class, ARRIVAL);
        lifecycle.cancellation.cancel(true);
        releasing.awaitArrival(ARRIVAL);
        lifecycle.cancellation.cancel(false);
        releasing.release();
        assertThat(failureOf(run)).isInstanceOf(Cancelled.class);
        assertThat(lifecycle.events.events(RunEvent.ReleaseFailed.class)).isEmpty();
    }

    @Test
    void aSecondCancelDuringTheGracefulStopKillsTheContainer() throws Exception {
        CallHold stopping = lifecycle.cloud.engines().hold("stop");
        CompletableFuture<RunResult> run = start(Lifecycle.spec("trap '' TERM; sleep infinity"));
        lifecycle.awaitEvent(RunEvent.ContainerStarted.class, ARRIVAL);
        lifecycle.cancellation.cancel(true);
        stopping.awaitArrival(ARRIVAL);
        lifecycle.cancellation.cancel(false);
        stopping.release();
        assertThat(failureOf(run)).isInstanceOf(Cancelled.class);
        assertThat(lifecycle.events.events(RunEvent.ContainerStopped.class)).singleElement()
                .extracting(RunEvent.ContainerStopped::graceful).isEqualTo(false);
        assertThat(compute.terminateCalls()).containsAll(compute.launchedIds());
    }

    @Test
    void aLostLaunchAnswerIsAskedForAgainWithTheSameClientToken() {
        compute.dropLaunchAnswers(1);
        RunResult result = lifecycle.cloud.remoteRun().run(runId, Lifecycle.spec("echo hello"), lifecycle.logs,
                lifecycle.events, lifecycle.cancellation);
        assertThat(result.exitCode()).isZero();
        assertThat(compute.launchedIds()).as("one machine, not two").hasSize(1);
        assertThat(compute.launchRequests()).hasSize(2).extracting(LaunchRequest::clientToken).containsOnly(
                compute.launchRequests().get(0).clientToken());
    }

    @Test
    void aLaunchThatStaysUnansweredIsAskedForOnceMoreByTheCleanUpAndTerminated() {
        compute.dropLaunchAnswers(3);
        assertThatThrownBy(() -> lifecycle.cloud.remoteRun().run(runId, Lifecycle.spec("echo never"),
                lifecycle.logs, lifecycle.events, lifecycle.cancellation)).isInstanceOf(CloudUnavailable.class);
        assertThat(compute.launchedIds()).hasSize(1);
        assertThat(compute.terminateCalls()).containsAll(compute.launchedIds());
    }

    @Test
    void aMachineOnlyTheRunsTagFindsIsTerminated() {
        compute.dropLaunchAnswers(10);
        assertThatThrownBy(() -> lifecycle.cloud.remoteRun().run(runId, Lifecycle.spec("echo never"),
                lifecycle.logs, lifecycle.events, lifecycle.cancellation)).isInstanceOf(CloudUnavailable.class);
        assertThat(compute.launchedIds()).hasSize(1);
        assertThat(lifecycle.events.events(RunEvent.InstanceTerminated.class)).singleElement()
                .satisfies(e -> assertThat(e.instanceId()).isEqualTo(compute.launchedIds().get(0)));
        compute.dropLaunchAnswers(0);
    }

    @Test
    void aCancelBeforeAnyLaunchLeavesNothingToRelease() {
        lifecycle.cancellation.cancel(true);
        assertThatThrownBy(() -> lifecycle.cloud.remoteRun().run(runId, Lifecycle.spec("echo never"),
                lifecycle.logs, lifecycle.events, lifecycle.cancellation)).isInstanceOf(Cancelled.class);
        assertThat(compute.launchRequests()).isEmpty();
    }
}
