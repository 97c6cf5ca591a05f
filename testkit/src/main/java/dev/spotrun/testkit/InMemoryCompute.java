package dev.spotrun.testkit;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.Leftovers;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ComputePort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake cloud's machines, in memory. Each launched machine boots a fake host of an
 * {@link InMemoryContainerEngine} after {@link #bootTime}, on its own address. Everything is recorded for
 * assertions: every {@link #launchRequests() request}, every {@link #terminateCalls() terminate call}, and
 * the machines {@link #liveInstances() still alive}. Like a cloud's per-run security group, every run that
 * launched holds something until {@link #releaseRun released} once its machines are gone.
 *
 * <p>Faults: {@link #noCapacity capacity errors} per type, market and zone; {@link #rejectLaunches cloud
 * errors} no retry fixes; {@link #interruptAt spot interruptions} at a chosen phase; {@link #bootTime slow
 * boots}; {@link #failTerminations failing terminations}; {@link #dropLaunchAnswers launches whose answer is
 * lost} after the machine was made; calls {@link #hold held} on the wire.
 *
 * <p>As harsh as the AWS SDK: a call made on an interrupted thread fails with
 * {@link dev.spotrun.domain.failure.Cancelled} and does nothing, and a call whose thread is interrupted while
 * it is held does its work and then fails the same way, its answer lost. Like EC2, a launch that carries a
 * client token already seen returns the machine made for it instead of a second one.
 */
public final class InMemoryCompute implements ComputePort {

    /** The state reason EC2 gives a spot machine it takes back. */
    public static final String SPOT_REASON = "Server.SpotInstanceTermination";

    private final VirtualClock clock;
    private final InMemoryContainerEngine engines;
    private final Map<String, FakeMachine> machines = new ConcurrentHashMap<>();
    private final List<LaunchRequest> launchRequests = new CopyOnWriteArrayList<>();
    private final List<String> terminateCalls = new CopyOnWriteArrayList<>();
    private final List<String> releasedRuns = new CopyOnWriteArrayList<>();
    /** What a run made besides its machines (a cloud's security group), by run id, with the run's expiry. */
    private final Map<String, Held> heldRuns = new ConcurrentHashMap<>();

    /** What a run made besides machines: when, and until when it may live. */
    private record Held(Instant expiresAt, Instant createdAt, Duration abandonAfter) {
    }
    private final Set<String> noCapacity = ConcurrentHashMap.newKeySet();
    private final Queue<Phase> interruptions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger failingTerminations = new AtomicInteger();
    private final AtomicInteger droppedLaunchAnswers = new AtomicInteger();
    private final Map<String, String> byClientToken = new ConcurrentHashMap<>();
    private final ClientCalls calls = new ClientCalls();
    private volatile Duration bootTime = Duration.ofSeconds(20);
    private volatile CloudRejected launchRejection;

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

    /** No capacity for this type, in any market or zone. */
    public InMemoryCompute noCapacity(String instanceType) {
        noCapacity.add(instanceType + "|*|*");
        return this;
    }

    /** No capacity for this type in this market, in any zone. */
    public InMemoryCompute noCapacity(String instanceType, Market market) {
        noCapacity.add(instanceType + "|" + market + "|*");
        return this;
    }

    /** No capacity for this type in this market and zone (or subnet). */
    public InMemoryCompute noCapacity(String instanceType, Market market, String placement) {
        noCapacity.add(instanceType + "|" + market + "|" + placement);
        return this;
    }

    /** Every launch from now on fails with this cloud error (e.g. {@code AuthFailure}), about the request. */
    public InMemoryCompute rejectLaunches(String code, String message) {
        return rejectLaunches(CloudRejected.Subject.REQUEST, code, message);
    }

    /** Every launch from now on fails with this cloud error, about {@code subject} as a real adapter says. */
    public InMemoryCompute rejectLaunches(CloudRejected.Subject subject, String code, String message) {
        this.launchRejection = new CloudRejected(subject, code, message, null);
        return this;
    }

    /**
     * The next machine to reach {@code phase} (BOOT, CONNECT, PULL or RUN) is taken back as a spot
     * interruption. Call several times to interrupt several machines in turn.
     */
    public InMemoryCompute interruptAt(Phase phase) {
        interruptions.add(phase);
        return this;
    }

    /** The next {@code count} terminate calls fail, as a throttled or unreachable cloud would. */
    public InMemoryCompute failTerminations(int count) {
        failingTerminations.set(count);
        return this;
    }

    /** The next {@code count} launches make their machine, but their answer is lost on the way back. */
    public InMemoryCompute dropLaunchAnswers(int count) {
        droppedLaunchAnswers.set(count);
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
            machine.end(InstanceState.TERMINATED, true, SPOT_REASON);
            stopHost(machine);
        }
    }

    @Override
    public Instance launch(LaunchRequest request) {
        return calls.call("launch", () -> {
            Instance instance = launchNow(request);
            if (droppedLaunchAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new CloudUnavailable("launching " + request.option() + ": the answer was lost", null);
            }
            return instance;
        });
    }

    private Instance launchNow(LaunchRequest request) {
        launchRequests.add(request);
        // EC2 makes one machine per client token even for launches at the same moment (several lifecycles, a
        // retry racing a late answer): looking the token up and recording it are one step.
        synchronized (byClientToken) {
            return launchOnce(request);
        }
    }

    private Instance launchOnce(LaunchRequest request) {
        String known = byClientToken.get(request.clientToken());
        if (known != null) {
            return machines.get(known).instance();
        }
        if (launchRejection != null) {
            throw launchRejection;
        }
        heldRuns.putIfAbsent(request.runId(), new Held(request.expiresAt(), clock.instant(), request.abandonAfter()));
        LaunchOption option = request.option();
        if (hasNoCapacity(option)) {
            throw new CapacityUnavailable(option, option.market() == Market.SPOT
                    ? "InsufficientInstanceCapacity" : "InsufficientCapacity", "");
        }
        String id = String.format("i-%017x", ids.incrementAndGet());
        String zone = option.zone().isEmpty() ? "local-1a" : option.zone();
        Instance instance = new Instance(id, option.instanceType(), option.market(), zone, "");
        machines.put(id, new FakeMachine(instance, request, clock.instant().plus(bootTime)));
        byClientToken.put(request.clientToken(), id);
        return instance;
    }

    private boolean hasNoCapacity(LaunchOption option) {
        String place = option.subnet().isEmpty() ? option.zone() : option.subnet();
        return noCapacity.contains(option.instanceType() + "|*|*")
                || noCapacity.contains(option.instanceType() + "|" + option.market() + "|*")
                || noCapacity.contains(option.instanceType() + "|" + option.market() + "|" + place);
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
            return machine == null ? InstanceStatus.of(InstanceState.TERMINATED) : machine.status();
        });
    }

    @Override
    public void terminate(String instanceId) {
        calls.run("terminate", () -> terminateNow(instanceId));
    }

    private void terminateNow(String instanceId) {
        terminateCalls.add(instanceId);
        if (failingTerminations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CloudUnavailable("terminate " + instanceId + ": the cloud did not answer", null);
        }
        FakeMachine machine = machines.get(instanceId);
        if (machine != null) {
            machine.end(InstanceState.TERMINATED, false, "Client.UserInitiatedShutdown");
            stopHost(machine);
        }
    }

    @Override
    public boolean releaseRun(String runId) {
        return calls.call("releaseRun", () -> {
            releasedRuns.add(runId);
            if (ofRun(runId).stream().allMatch(s -> s.state().isGone())) {
                heldRuns.remove(runId);
                return true;
            }
            return false;
        });
    }

    @Override
    public List<InstanceSummary> instancesOfRun(String runId) {
        return calls.call("instancesOfRun", () -> ofRun(runId));
    }

    private List<InstanceSummary> ofRun(String runId) {
        return summaries().stream().filter(s -> s.runId().equals(runId)).toList();
    }

    @Override
    public Leftovers leftovers(Instant now) {
        return calls.call("leftovers", () -> leftoversNow(now));
    }

    private Leftovers leftoversNow(Instant now) {
        List<InstanceSummary> expired = summaries().stream().filter(s -> s.expiredAt(now)).toList();
        Set<String> runs = new TreeSet<>();
        expired.forEach(s -> runs.add(s.runId()));
        Set<String> alive = new TreeSet<>();
        summaries().stream().filter(s -> !s.state().isGone()).forEach(s -> alive.add(s.runId()));
        heldRuns.forEach((run, held) -> {
            boolean abandoned = !alive.contains(run) && !held.createdAt().plus(held.abandonAfter()).isAfter(now);
            if (!held.expiresAt().isAfter(now) || abandoned) {
                runs.add(run);
            }
        });
        runs.remove("");
        return new Leftovers(expired, List.copyOf(runs));
    }

    private List<InstanceSummary> summaries() {
        List<InstanceSummary> all = new ArrayList<>();
        machines.values().stream().filter(m -> m.status().state() != InstanceState.TERMINATED)
                .forEach(m -> all.add(m.summary()));
        return all;
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
        return machines.values().stream().map(m -> m.instance().id()).sorted().toList();
    }

    /** The machines not terminated: after a run, this must be empty. */
    public List<String> liveInstances() {
        return machines.values().stream().filter(m -> !m.status().state().isGone())
                .map(m -> m.instance().id()).sorted().toList();
    }

    private FakeMachine machine(String id) {
        FakeMachine machine = machines.get(id);
        if (machine == null) {
            throw new InstanceFailed(id, "the cloud knows no such instance");
        }
        return machine;
    }

    private boolean interruptIfPlanned(String address, Phase phase) {
        return machines.values().stream().filter(m -> address.equals(m.address())).findFirst()
                .map(m -> interruptIfPlanned(m, phase)).orElse(false);
    }

    private boolean interruptIfPlanned(FakeMachine machine, Phase phase) {
        if (machine.instance().market() != Market.SPOT || !interruptions.remove(phase)) {
            return false;
        }
        interrupt(machine.instance().id());
        return true;
    }

    private void stopHost(FakeMachine machine) {
        if (!machine.address().isEmpty()) {
            engines.stopHost(machine.address());
        }
    }
}
