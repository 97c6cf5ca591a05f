package dev.spotrun.testkit;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.Leftovers;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ComputePort;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake cloud's machines, in memory. Each launched machine boots a fake host of an
 * {@link InMemoryContainerEngine} after {@link #bootTime}, on its own address. Everything is recorded for
 * assertions: every {@link #launchRequests() request}, every {@link #terminateCalls() terminate call}, and
 * the machines {@link #liveInstances() still alive}. Like a cloud's per-run security group, every run that
 * launched holds something until {@link #releaseRun released} once its machines are gone.
 *
 * <p>Faults: {@link #noCapacity capacity errors} per type, market and zone; {@link #rejectLaunches cloud
 * errors} no retry fixes; {@link #interruptAt spot interruptions} at a chosen phase; {@link #notice
 * interruption notices}, the machine taken back when the notice's time is up; {@link #bootTime slow boots};
 * {@link #failTerminations failing terminations}; {@link #dropLaunchAnswers launches whose answer is lost}
 * after the machine was made; calls {@link #hold held} on the wire.
 *
 * <p>As harsh as the AWS SDK: a call made on an interrupted thread fails with
 * {@link dev.spotrun.domain.failure.Cancelled} and does nothing, and a call whose thread is interrupted while
 * it is held does its work and then fails the same way, its answer lost. Like EC2, a launch that carries a
 * client token already seen returns the machine made for it instead of a second one.
 */
public final class InMemoryCompute implements ComputePort {

    /** The state reason EC2 gives a spot machine it takes back. */
    public static final String SPOT_REASON = "Server.SpotInstanceTermination";
    /** The spot request status code of a machine EC2 gave notice to. */
    public static final String NOTICE_CODE = "marked-for-termination";
    /** How long EC2's interruption notice gives a spot machine. */
    public static final Duration NOTICE_LEAD = Duration.ofMinutes(2);

    private final VirtualClock clock;
    private final InMemoryContainerEngine engines;
    private final FakeMachines machines = new FakeMachines();
    private final List<LaunchRequest> launchRequests = new CopyOnWriteArrayList<>();
    private final List<String> terminateCalls = new CopyOnWriteArrayList<>();
    private final List<String> releasedRuns = new CopyOnWriteArrayList<>();
    private final HeldRuns heldRuns = new HeldRuns();
    private final ComputeFaults faults = new ComputeFaults();
    private final ClientCalls calls = new ClientCalls();
    private volatile Duration bootTime = Duration.ofSeconds(20);
    private volatile Duration terminationTime = Duration.ofSeconds(40);

    /** Machines whose engines are fake hosts of {@code engines}. */
    public InMemoryCompute(VirtualClock clock, InMemoryContainerEngine engines) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engines = Objects.requireNonNull(engines, "engines");
        engines.onStep(this::interruptIfPlanned);
    }

    /** How long a machine takes from launch to running, in virtual time (default 20 s). */
    public InMemoryCompute bootTime(Duration time) {
        this.bootTime = time;
        return this;
    }

    /**
     * How long a machine that ends (terminated, or taken back) shuts down before it is terminated, in virtual time
     * (default 40 s, as EC2 often takes): until then it holds what the cloud made for its run, so that a release
     * keeps that for later.
     */
    public InMemoryCompute terminationTime(Duration time) {
        this.terminationTime = Objects.requireNonNull(time, "time");
        return this;
    }

    /** No capacity for this type, in any market or zone. */
    public InMemoryCompute noCapacity(String instanceType) {
        faults.noCapacity(instanceType, "*", "*");
        return this;
    }

    /** No capacity for this type in this market, in any zone. */
    public InMemoryCompute noCapacity(String instanceType, Market market) {
        faults.noCapacity(instanceType, market.toString(), "*");
        return this;
    }

    /** No capacity for this type in this market and zone (or subnet). */
    public InMemoryCompute noCapacity(String instanceType, Market market, String placement) {
        faults.noCapacity(instanceType, market.toString(), placement);
        return this;
    }

    /** Every launch from now on fails with this cloud error (e.g. {@code AuthFailure}), about the request. */
    public InMemoryCompute rejectLaunches(String code, String message) {
        return rejectLaunches(CloudRejected.Subject.REQUEST, code, message);
    }

    /** Every launch from now on fails with this cloud error, about {@code subject} as a real adapter says. */
    public InMemoryCompute rejectLaunches(CloudRejected.Subject subject, String code, String message) {
        faults.rejectLaunches(new CloudRejected(subject, code, message, null));
        return this;
    }

    /**
     * The next machine to reach {@code phase} (BOOT, CONNECT, PULL or RUN) is taken back as a spot
     * interruption. Call several times to interrupt several machines in turn.
     */
    public InMemoryCompute interruptAt(Phase phase) {
        faults.interruptAt(phase);
        return this;
    }

    /** The next {@code count} terminate calls fail, as a throttled or unreachable cloud would. */
    public InMemoryCompute failTerminations(int count) {
        faults.failTerminations(count);
        return this;
    }

    /** The next {@code count} launches make their machine, but their answer is lost on the way back. */
    public InMemoryCompute dropLaunchAnswers(int count) {
        faults.dropLaunchAnswers(count);
        return this;
    }

    /**
     * Holds the next call of {@code operation} ({@code launch}, {@code terminate}, {@code releaseRun},
     * {@code status}, {@code instancesOfRun}, ...; the port method's name) on the wire once its work is done.
     */
    public CallHold hold(String operation) {
        return calls.hold(operation);
    }

    /** Takes a machine back now, as the cloud does with a spot machine. */
    public void interrupt(String instanceId) {
        FakeMachine machine = machines.get(instanceId);
        if (machine != null) {
            machine.takeBack(engines);
        }
    }

    /** Gives a running spot machine EC2's notice: it is taken back {@link #NOTICE_LEAD} from now. */
    public void notice(String instanceId) {
        notice(instanceId, NOTICE_LEAD);
    }

    /**
     * Gives a running spot machine an interruption notice: its status says so at once, and the machine is taken
     * back as by {@link #interrupt} once {@code lead} has passed on the clock (at the next look at it: a status
     * call or an engine call). A machine that does not run, or is not spot, gets none.
     */
    public void notice(String instanceId, Duration lead) {
        FakeMachine machine = machines.get(instanceId);
        if (machine != null && machine.instance().market() == Market.SPOT) {
            machine.notice(clock.instant().plus(lead), NOTICE_CODE);
        }
    }

    @Override
    public Instance launch(LaunchRequest request) {
        return calls.call("launch", () -> {
            Instance instance = launchNow(request);
            if (faults.takeDroppedAnswer()) {
                throw new CloudUnavailable("launching " + request.option() + ": the answer was lost", null);
            }
            return instance;
        });
    }

    private Instance launchNow(LaunchRequest request) {
        launchRequests.add(request);
        return machines.launch(request, faults, heldRuns, clock.instant(), bootTime,
                () -> clock.instant().plus(terminationTime));
    }

    @Override
    public Instance awaitRunning(Instance instance, Duration timeout) {
        return calls.call("awaitRunning", () -> awaitRunningNow(instance, timeout));
    }

    private Instance awaitRunningNow(Instance instance, Duration timeout) {
        FakeMachine machine = machine(instance.id());
        if (interruptIfPlanned(machine, Phase.BOOT)) {
            throw new SpotInterrupted(instance.id(), SPOT_REASON);
        }
        Duration left = Duration.between(clock.instant(), machine.runningAt());
        if (left.compareTo(timeout) > 0) {
            clock.advance(timeout);
            throw new TimedOut(Phase.BOOT, timeout, instance.id() + " is still pending");
        }
        if (!left.isNegative()) {
            clock.advance(left);
        }
        return machine.boot(engines);
    }

    @Override
    public InstanceStatus status(String instanceId) {
        return calls.call("status", () -> {
            FakeMachine machine = machines.get(instanceId);
            if (machine == null) {
                return InstanceStatus.of(InstanceState.TERMINATED);
            }
            machine.takeBackIfDue(clock.instant(), engines);
            machine.settle(clock.instant());
            return machine.status();
        });
    }

    @Override
    public void terminate(String instanceId) {
        calls.run("terminate", () -> terminateNow(instanceId));
    }

    private void terminateNow(String instanceId) {
        terminateCalls.add(instanceId);
        if (faults.takeFailingTermination()) {
            throw new CloudUnavailable("terminate " + instanceId + ": the cloud did not answer", null);
        }
        FakeMachine machine = machines.get(instanceId);
        if (machine != null) {
            machine.end(false, "Client.UserInitiatedShutdown", engines);
        }
    }

    /**
     * As EC2 with a run's security group: what a machine that still lives needs is kept, what machines shutting
     * down still hold is kept and marked as an ended run's, and the rest is released.
     */
    @Override
    public boolean releaseRun(String runId) {
        return calls.call("releaseRun", () -> {
            releasedRuns.add(runId);
            List<InstanceSummary> notTerminated = ofRun(runId);
            if (notTerminated.stream().anyMatch(s -> !s.state().isGone())) {
                return false;
            }
            if (!notTerminated.isEmpty() && heldRuns.holds(runId)) {
                heldRuns.markEnded(runId);
                return false;
            }
            heldRuns.release(runId);
            return true;
        });
    }

    @Override
    public List<String> releaseEnded() {
        return calls.call("releaseEnded", () -> {
            List<String> released = new java.util.ArrayList<>();
            for (String runId : heldRuns.ended()) {
                if (ofRun(runId).isEmpty()) {
                    heldRuns.release(runId);
                    released.add(runId);
                }
            }
            return released;
        });
    }

    /** Machines that are going away are left out, as EC2's adapter leaves them out. */
    @Override
    public List<InstanceSummary> instancesOfRun(String runId) {
        return calls.call("instancesOfRun", () -> ofRun(runId).stream().filter(s -> !s.state().isGone()).toList());
    }

    /** The run's machines that are not terminated, those shutting down among them. */
    private List<InstanceSummary> ofRun(String runId) {
        return summaries().stream().filter(s -> s.runId().equals(runId)).toList();
    }

    @Override
    public Leftovers leftovers(Instant now) {
        return calls.call("leftovers", () -> heldRuns.leftovers(summaries(), now));
    }

    private List<InstanceSummary> summaries() {
        return machines.summaries(clock.instant());
    }

    /** Every launch request received, including those refused, in order. */
    public List<LaunchRequest> launchRequests() {
        return Collections.unmodifiableList(launchRequests);
    }

    /** Every terminate call, including failed and repeated ones, in order. */
    public List<String> terminateCalls() {
        return Collections.unmodifiableList(terminateCalls);
    }

    /** The run ids whose resources were released. */
    public List<String> releasedRuns() {
        return Collections.unmodifiableList(releasedRuns);
    }

    /** The ids of every machine ever launched, in launch order. */
    public List<String> launchedIds() {
        return machines.ids();
    }

    /** The machines not terminated: after a run, this must be empty. */
    public List<String> liveInstances() {
        return machines.liveIds();
    }

    private FakeMachine machine(String id) {
        FakeMachine machine = machines.get(id);
        if (machine == null) {
            throw new InstanceFailed(id, "the cloud knows no such instance");
        }
        return machine;
    }

    /** At each engine call (phase null for calls of no phase): a machine is taken back when it is due. */
    private boolean interruptIfPlanned(String address, Phase phase) {
        return machines.at(address).map(m -> m.takeBackIfDue(clock.instant(), engines)
                || (phase != null && interruptIfPlanned(m, phase))).orElse(false);
    }

    private boolean interruptIfPlanned(FakeMachine machine, Phase phase) {
        if (machine.instance().market() != Market.SPOT || !faults.takeInterruption(phase)) {
            return false;
        }
        interrupt(machine.instance().id());
        return true;
    }
}
