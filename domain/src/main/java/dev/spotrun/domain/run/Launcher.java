package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.NoCapacity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Launches one machine, trying the options of the {@link LaunchPlan} in order until one has capacity. */
final class Launcher {

    private final RunContext context;

    Launcher(RunContext context) {
        this.context = context;
    }

    /** The machine and the option it was launched with. */
    record Launched(Instance instance, LaunchOption option) {
    }

    Launched launch(int attempt) {
        MachineSpec machine = machineFor(attempt);
        Instant expiresAt = context.clock().instant().plus(context.spec().ttl());
        List<LaunchOption> tried = new ArrayList<>();
        for (LaunchOption option : LaunchPlan.options(machine)) {
            Checks.notCancelled(context.cancellation());
            context.events().emit(at -> new RunEvent.LaunchRequested(at, attempt, option));
            LaunchRequest request = new LaunchRequest(context.runId(), attempt, option, machine,
                    context.trust().bootstrap(), context.spec().owner(), expiresAt);
            try {
                Instance instance = context.compute().launch(request);
                context.events().emit(at -> new RunEvent.InstanceLaunched(at, attempt, instance, option));
                return new Launched(instance, option);
            } catch (CapacityUnavailable e) {
                tried.add(option);
                context.events().emit(at -> new RunEvent.LaunchRejected(at, attempt, option, e.getMessage()));
            }
        }
        throw new NoCapacity(tried);
    }

    /** Retries may be bought on-demand, where no interruption can strike again. */
    private MachineSpec machineFor(int attempt) {
        MachineSpec machine = context.spec().machine();
        if (attempt > 1 && context.spec().retry().onDemandRetries()) {
            return machine.withMarket(Market.ON_DEMAND);
        }
        return machine;
    }
}
