package dev.spotrun.docker;

import dev.spotrun.localcloud.FakeEc2Host;
import dev.spotrun.aws.BootScript;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.Leftovers;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.port.ComputePort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cloud kept in memory whose machines are real fake EC2 hosts: each launch boots one from spotrun's boot
 * script with the request's engine material and expiry, and hands out its loopback address.
 */
final class FakeHostCompute implements ComputePort {

    private record Machine(Instance instance, LaunchRequest request, FakeEc2Host host) {
    }

    private final EngineHosts hosts;
    private final Map<String, Machine> machines = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    FakeHostCompute(EngineHosts hosts) {
        this.hosts = hosts;
    }

    @Override
    public Instance launch(LaunchRequest request) {
        String id = String.format("i-%017x", 0xf00000 + ids.incrementAndGet());
        FakeEc2Host host = hosts.boot(BootScript.render(request.engine(), request.expiresAt()));
        Instance instance = new Instance(id, request.option().instanceType(), request.option().market(), "local-1a", "");
        machines.put(id, new Machine(instance, request, host));
        return instance;
    }

    @Override
    public Instance awaitRunning(Instance instance, Duration timeout) {
        Machine machine = machines.get(instance.id());
        if (machine == null || !machine.host().isRunning()) {
            throw new InstanceFailed(instance.id(), "it is not running");
        }
        return instance.withAddress(machine.host().address());
    }

    @Override
    public InstanceStatus status(String instanceId) {
        Machine machine = machines.get(instanceId);
        return InstanceStatus.of(machine != null && machine.host().isRunning() ? InstanceState.RUNNING : InstanceState.TERMINATED);
    }

    @Override
    public void terminate(String instanceId) {
        Machine machine = machines.get(instanceId);
        if (machine != null) {
            hosts.stop(machine.host());
        }
    }

    @Override
    public boolean releaseRun(String runId) {
        // Nothing but machines belongs to a run here.
        return instancesOfRun(runId).isEmpty();
    }

    @Override
    public List<String> releaseEnded() {
        return List.of(); // Nothing but machines belongs to a run here.
    }

    @Override
    public List<InstanceSummary> instancesOfRun(String runId) {
        return summaries().stream().filter(s -> s.runId().equals(runId)).toList();
    }

    /** Only machines belong to a run here, so the stale runs are those of the expired machines. */
    @Override
    public Leftovers leftovers(Instant now) {
        List<InstanceSummary> expired = summaries().stream().filter(s -> s.expiredAt(now)).toList();
        return new Leftovers(expired, expired.stream().map(InstanceSummary::runId).distinct().toList());
    }

    /** The machines whose hosts still run. */
    List<String> liveInstances() {
        return machines.values().stream().filter(m -> m.host().isRunning()).map(m -> m.instance().id()).toList();
    }

    private List<InstanceSummary> summaries() {
        return machines.values().stream().filter(m -> m.host().isRunning())
                .map(m -> new InstanceSummary(m.instance().id(), m.request().runId(), m.request().owner(),
                        m.request().expiresAt(), InstanceState.RUNNING))
                .toList();
    }
}
