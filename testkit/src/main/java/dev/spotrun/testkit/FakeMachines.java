package dev.spotrun.testkit;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.CapacityUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Every machine {@link InMemoryCompute} made, by id, and how a launch makes one: once per client token. */
final class FakeMachines {

    private final Map<String, FakeMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, String> byClientToken = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * The machine for {@code request}, made now unless its client token made one before. EC2 makes one machine
     * per client token even for launches at the same moment (several lifecycles, a retry racing a late answer):
     * looking the token up and recording it are one step.
     */
    Instance launch(LaunchRequest request, ComputeFaults faults, HeldRuns held, Instant now, Duration bootTime,
                    java.util.function.Supplier<Instant> terminatedAtIfEndedNow) {
        synchronized (byClientToken) {
            String known = byClientToken.get(request.clientToken());
            if (known != null) {
                return machines.get(known).instance();
            }
            if (faults.launchRejection() != null) {
                throw faults.launchRejection();
            }
            held.launched(request, now);
            LaunchOption option = request.option();
            if (faults.hasNoCapacity(option)) {
                throw new CapacityUnavailable(option, option.market() == Market.SPOT
                        ? "InsufficientInstanceCapacity" : "InsufficientCapacity", "");
            }
            String id = String.format("i-%017x", ids.incrementAndGet());
            String zone = option.zone().isEmpty() ? "local-1a" : option.zone();
            Instance instance = new Instance(id, option.instanceType(), option.market(), zone, "");
            machines.put(id, new FakeMachine(instance, request, now.plus(bootTime), terminatedAtIfEndedNow));
            byClientToken.put(request.clientToken(), id);
            return instance;
        }
    }

    /** The machine of this id, or null. */
    FakeMachine get(String id) {
        return machines.get(id);
    }

    Optional<FakeMachine> at(String address) {
        return machines.values().stream().filter(m -> address.equals(m.address())).findFirst();
    }

    /** The machines not terminated yet at {@code now}, those shutting down among them, as the cloud lists them. */
    List<InstanceSummary> summaries(Instant now) {
        machines.values().forEach(m -> m.settle(now));
        return machines.values().stream().filter(m -> m.status().state() != InstanceState.TERMINATED)
                .map(FakeMachine::summary).toList();
    }

    List<String> ids() {
        return machines.values().stream().map(m -> m.instance().id()).sorted().toList();
    }

    List<String> liveIds() {
        return machines.values().stream().filter(m -> !m.status().state().isGone())
                .map(m -> m.instance().id()).sorted().toList();
    }
}
