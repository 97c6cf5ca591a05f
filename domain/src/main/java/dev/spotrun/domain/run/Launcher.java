package dev.spotrun.domain.run;

import dev.spotrun.domain.Retry;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.NoCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches one machine, trying the options of the {@link LaunchPlan} in order until one has capacity.
 *
 * <p>A launch is a call whose answer must not be lost: it runs shielded from cancels (a cancel lets it finish
 * and is acted on right after), and an answer the cloud did not give (it did not answer, or not in time) is
 * asked for again with the same client token, which returns the machine the cloud made, if it made one,
 * instead of a second one. A launch that stays unanswered is left to the run's clean-up to reconcile.
 */
final class Launcher {

    /** A cloud that does not answer a launch at all is asked again a few times, a little later each time. */
    static final Retry RETRY = new Retry(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(2), 3);

    private final RunContext context;

    Launcher(RunContext context) {
        this.context = context;
    }

    /** Launches the attempt's machine: the first step of an attempt. */
    Reached.Launched launch(int attempt) {
        MachineSpec machine = machineFor(attempt);
        Instant expiresAt = context.clock().instant().plus(context.spec().ttl());
        List<LaunchOption> tried = new ArrayList<>();
        for (LaunchOption option : LaunchPlan.options(machine)) {
            Checks.notCancelled(context.cancellation());
            context.events().emit(at -> new RunEvent.LaunchRequested(at, attempt, option));
            LaunchRequest request = new LaunchRequest(context.runId(), attempt, option, machine,
                    context.trust().bootstrap(), context.spec().owner(), expiresAt, context.spec().abandonAfter());
            try {
                Instance instance = context.cancellation().shielded(() -> ask(request));
                context.events().emit(at -> new RunEvent.InstanceLaunched(at, attempt, instance, option));
                return new Reached.Launched(instance, option);
            } catch (CapacityUnavailable e) {
                tried.add(option);
                context.events().emit(at -> new RunEvent.LaunchRejected(at, attempt, option, e.getMessage()));
            }
        }
        throw new NoCapacity(tried);
    }

    /** One launch, asked again with the same client token while the cloud does not answer it. */
    private Instance ask(LaunchRequest request) {
        Launches launches = context.launches();
        launches.asked(request);
        try {
            Instance instance = RETRY.run(context.clock(), this::pauseUnlessCancelled,
                    e -> e instanceof CloudUnavailable, (e, tryNumber, again) -> { }, () -> context.compute().launch(request));
            launches.answered(request, instance);
            return instance;
        } catch (CapacityUnavailable | CloudRejected | CloudNotConfigured | CallerAddressUnknown
                 | InvalidRunSpec definite) {
            launches.refused(request);
            throw definite;
        }
        // Any other failure leaves the launch asked: the clean-up asks once more and terminates what it finds.
    }

    /** Waits before asking again; a cancel meanwhile ends the waiting (the launch stays to be reconciled). */
    private boolean pauseUnlessCancelled(Duration wait) {
        if (context.cancellation().isRequested()) {
            return false;
        }
        try {
            context.cancellation().interruptible(() -> {
                Checks.sleep(context, wait);
                return null;
            });
            return !context.cancellation().isRequested();
        } catch (RuntimeException cancelled) {
            return false;
        }
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
