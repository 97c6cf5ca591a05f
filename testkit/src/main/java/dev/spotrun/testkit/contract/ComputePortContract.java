package dev.spotrun.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.run.RemoteRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link ComputePort} must do. Every machine a test launches is terminated after it. */
public abstract class ComputePortContract {

    private final List<String> launched = new CopyOnWriteArrayList<>();
    private final String runId = RemoteRun.newRunId();
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

    /** The port under test. */
    protected abstract ComputePort compute();

    /** A machine spec whose first instance type has capacity in both markets. */
    protected abstract MachineSpec machine();

    /** Key material the booted machine's engine is configured with. */
    protected abstract EngineBootstrap bootstrap();

    /** From now on the cloud has no capacity for {@code instanceType}. */
    protected abstract void exhaustCapacity(String instanceType);

    /** The cloud takes the machine back now, as a spot interruption. */
    protected abstract void interrupt(String instanceId);

    /**
     * The cloud gives the running spot machine EC2's interruption notice now: it takes the machine back two
     * minutes later.
     */
    protected abstract void notice(String instanceId);

    /** How long the port's cloud may take to show a notice: EC2 is eventually consistent. */
    protected Duration noticeShownWithin() {
        return Duration.ofSeconds(10);
    }

    /** The clock the port's cloud keeps time by. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /** How long a machine may take to run. */
    protected Duration bootTimeout() {
        return Duration.ofMinutes(2);
    }

    /**
     * From now on the cloud takes a while (seconds at least) to terminate a machine that ends, as EC2 does, and
     * the machine holds what its run made meanwhile. By default the cloud keeps its own pace.
     */
    protected void slowTerminations() {
    }

    /**
     * Waits until the cloud says the machine is terminated, not only going away. By default polls
     * {@link ComputePort#status} on the wall clock for up to five minutes; a cloud on a virtual clock moves it on.
     */
    protected void awaitTerminated(String instanceId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (compute().status(instanceId).state() != InstanceState.TERMINATED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(instanceId + " was not terminated within five minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + instanceId + " to be terminated", e);
            }
        }
    }

    @AfterEach
    void terminateEverything() {
        launched.forEach(id -> compute().terminate(id));
        compute().releaseRun(runId);
    }

    protected Instance launch(Market market, String instanceType, Instant expiresAt) {
        LaunchOption option = new LaunchOption(instanceType, market, "", "");
        // A new attempt number each time: each launch has a client token of its own.
        LaunchRequest request = new LaunchRequest(runId, attempts.incrementAndGet(), option, machine(), bootstrap(),
                "contract", expiresAt);
        Instance instance = compute().launch(request);
        launched.add(instance.id());
        return instance;
    }

    protected Instance launchSpot() {
        return launch(Market.SPOT, machine().instanceTypes().get(0), inOneHour());
    }

    private Instant inOneHour() {
        return clock().instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void aLaunchedMachineHasTheRequestedTypeAndMarket() {
        Instance instance = launchSpot();
        assertThat(instance.id()).isNotBlank();
        assertThat(instance.instanceType()).isEqualTo(machine().instanceTypes().get(0));
        assertThat(instance.market()).isEqualTo(Market.SPOT);
    }

    @Test
    void anOnDemandMachineIsOnDemand() {
        Instance instance = launch(Market.ON_DEMAND, machine().instanceTypes().get(0), inOneHour());
        assertThat(instance.market()).isEqualTo(Market.ON_DEMAND);
    }

    @Test
    void aRunningMachineHasAnAddressAndSaysItRuns() {
        Instance running = compute().awaitRunning(launchSpot(), bootTimeout());
        assertThat(running.address()).isNotBlank();
        InstanceStatus status = compute().status(running.id());
        assertThat(status.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(status.interrupted()).isFalse();
    }

    @Test
    void aRunsMachinesAreFoundByItsTags() {
        Instant expiresAt = inOneHour();
        Instance instance = launch(Market.SPOT, machine().instanceTypes().get(0), expiresAt);
        assertThat(compute().instancesOfRun(runId)).singleElement().satisfies(summary -> {
            assertThat(summary.id()).isEqualTo(instance.id());
            assertThat(summary.owner()).isEqualTo("contract");
            assertThat(summary.expiresAt()).isEqualTo(expiresAt);
        });
    }

    @Test
    void terminateEndsTheMachineAndMayBeRepeated() {
        Instance instance = compute().awaitRunning(launchSpot(), bootTimeout());
        compute().terminate(instance.id());
        assertThat(compute().status(instance.id()).state().isGone()).isTrue();
        assertThat(compute().instancesOfRun(runId)).extracting(InstanceSummary::id)
                .doesNotContain(instance.id());
        assertThatCode(() -> compute().terminate(instance.id())).doesNotThrowAnyException();
    }

    @Test
    void terminatingAnUnknownMachineSucceeds() {
        assertThatCode(() -> compute().terminate("i-00000000000000dead")).doesNotThrowAnyException();
        assertThat(compute().status("i-00000000000000dead").state().isGone()).isTrue();
    }

    @Test
    void aTypeWithoutCapacityIsRefusedAsSuch() {
        String type = machine().instanceTypes().get(machine().instanceTypes().size() - 1);
        exhaustCapacity(type);
        assertThatThrownBy(() -> launch(Market.SPOT, type, inOneHour()))
                .isInstanceOfSatisfying(CapacityUnavailable.class,
                        e -> assertThat(e.option().instanceType()).isEqualTo(type));
    }

    @Test
    void anInterruptedMachineIsReportedAsInterrupted() {
        Instance instance = compute().awaitRunning(launchSpot(), bootTimeout());
        interrupt(instance.id());
        InstanceStatus status = compute().status(instance.id());
        assertThat(status.interrupted()).isTrue();
        assertThat(status.reason()).isNotBlank();
        assertThatThrownBy(() -> compute().awaitRunning(instance, bootTimeout())).isInstanceOf(SpotInterrupted.class);
    }

    /**
     * EC2's two-minute notice, seen from outside the machine: the spot request is marked for termination while
     * the instance still runs. The status says so, perhaps a little late but never before the notice, with the
     * time the machine is taken back: two minutes after the notice.
     */
    @Test
    void aNoticedSpotMachineStillRunsAndSaysWhenItIsTakenBack() throws InterruptedException {
        Instance instance = compute().awaitRunning(launchSpot(), bootTimeout());
        assertThat(compute().status(instance.id()).notice()).as("before any notice").isEmpty();
        Instant noticed = clock().instant();
        notice(instance.id());

        InstanceStatus status = compute().status(instance.id());
        long deadline = System.nanoTime() + noticeShownWithin().toNanos();
        while (status.notice().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = compute().status(instance.id());
        }
        Instant seen = clock().instant();
        assertThat(status.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(status.interrupted()).isFalse();
        assertThat(status.reason()).isEqualTo("marked-for-termination");
        assertThat(status.notice()).as("the notice, within " + noticeShownWithin()).hasValueSatisfying(at ->
                assertThat(at).isBetween(noticed.plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS),
                        seen.plus(Duration.ofMinutes(2))));
    }

    /**
     * A cloud client does not send a call from an interrupted thread (the AWS SDK does not), so the lifecycle
     * makes its cloud calls with the flag clear; a port must say so with {@link Cancelled}, the flag kept, never
     * with an answer it did not get nor by pretending the call was made.
     */
    @Test
    void aCallFromAnInterruptedThreadIsCancelledWithTheFlagKept() {
        Instance instance = launchSpot();
        try {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> compute().status(instance.id())).isInstanceOf(Cancelled.class);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> compute().terminate(instance.id())).isInstanceOf(Cancelled.class);
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(compute().status(instance.id()).state().isGone()).as("the terminate was not made").isFalse();
    }

    @Test
    void aLaunchAskedAgainWithTheSameClientTokenReturnsTheSameMachine() {
        Instant expiresAt = inOneHour();
        LaunchOption option = new LaunchOption(machine().instanceTypes().get(0), Market.SPOT, "", "");
        LaunchRequest request = new LaunchRequest(runId, attempts.incrementAndGet(), option, machine(), bootstrap(),
                "contract", expiresAt);
        Instance first = compute().launch(request);
        launched.add(first.id());
        Instance again = compute().launch(request);
        launched.add(again.id());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(compute().instancesOfRun(runId)).extracting(InstanceSummary::id).containsExactly(first.id());
    }

    @Test
    void expiredMachinesAreFoundAndLiveOnesAreNot() {
        Instant expiresAt = inOneHour();
        Instance instance = launch(Market.SPOT, machine().instanceTypes().get(0), expiresAt);
        assertThat(compute().leftovers(expiresAt.minusSeconds(60)).expiredMachines()).extracting(InstanceSummary::id)
                .doesNotContain(instance.id());
        assertThat(compute().leftovers(expiresAt.plusSeconds(60)).expiredMachines()).extracting(InstanceSummary::id)
                .contains(instance.id());
    }

    @Test
    void anExpiredRunIsFoundAfterItsMachineIsGoneUntilItIsReleased() {
        Instant expiresAt = inOneHour();
        Instant launchedAt = clock().instant();
        Instance instance = compute().awaitRunning(launch(Market.SPOT, machine().instanceTypes().get(0), expiresAt),
                bootTimeout());
        Instant pastItsWindow = launchedAt.plus(LaunchRequest.DEFAULT_ABANDON_AFTER).plusSeconds(60);
        assertThat(compute().leftovers(pastItsWindow).staleRuns()).as("a live run, its machine alive").doesNotContain(runId);
        assertThat(compute().releaseRun(runId)).as("released while its machine runs").isFalse();
        assertThat(compute().leftovers(expiresAt.plusSeconds(60)).staleRuns()).as("a run with an expired machine")
                .contains(runId);

        compute().terminate(instance.id());
        assertThat(compute().leftovers(launchedAt.plusSeconds(1)).staleRuns()).as("its machine just gone: between two attempts")
                .doesNotContain(runId);
        assertThat(compute().leftovers(pastItsWindow).staleRuns()).as("no machine alive for longer than its abandon window")
                .contains(runId);
        assertThat(compute().leftovers(expiresAt.plusSeconds(60)).staleRuns()).as("its machine is gone, the rest is not")
                .contains(runId);

        awaitTerminated(instance.id());
        assertThat(compute().releaseRun(runId)).as("released once its machine is gone").isTrue();
        assertThat(compute().leftovers(expiresAt.plusSeconds(60)).staleRuns()).as("released").doesNotContain(runId);
        assertThat(compute().releaseRun(runId)).as("released again").isTrue();
    }

    @Test
    void aRunThatEndsWhileItsMachineIsGoingAwayIsReleasedByALaterRunOnceTheMachineIsGone() {
        slowTerminations();
        Instance instance = compute().awaitRunning(launchSpot(), bootTimeout());
        compute().terminate(instance.id());

        assertThat(compute().releaseRun(runId)).as("released while its machine is going away").isFalse();
        assertThat(compute().releaseEnded()).as("released by a later run while the machine is going away")
                .doesNotContain(runId);
        awaitTerminated(instance.id());
        Instant now = clock().instant();
        assertThat(compute().leftovers(now).staleRuns()).as("an ended run, its machine gone: stale at once, not"
                + " after its abandon window").contains(runId);

        assertThat(compute().releaseEnded()).as("released by a later run once the machine is gone").contains(runId);
        assertThat(compute().leftovers(now).staleRuns()).as("released").doesNotContain(runId);
        assertThat(compute().releaseEnded()).as("released once").doesNotContain(runId);
        assertThat(compute().releaseRun(runId)).as("nothing left").isTrue();
    }

    @Test
    void aRunWhoseMachineStillRunsIsNotMarkedAsEnded() {
        Instance instance = compute().awaitRunning(launchSpot(), bootTimeout());
        assertThat(compute().releaseRun(runId)).as("released while its machine runs").isFalse();
        compute().terminate(instance.id());
        awaitTerminated(instance.id());
        assertThat(compute().leftovers(clock().instant()).staleRuns()).as("its machine just gone: between two"
                + " attempts, not ended").doesNotContain(runId);
        assertThat(compute().releaseEnded()).as("not an ended run's").doesNotContain(runId);
    }
}
