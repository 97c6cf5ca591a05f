package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the cloud about an attempt's machine the moment a connection to its engine breaks, while the engine's
 * client is still reconnecting. A spot machine taken back without notice looks, from its engine's side, like a
 * flaky network: waiting for the reconnects to give up costs seconds to a minute. When the cloud says the
 * machine is gone, the attempt's waits are cut short and the attempt ends with what the cloud said.
 */
final class MachineWatch implements AutoCloseable {

    private final RunContext context;
    private final int attempt;
    private final Instance instance;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final ExecutorService checks = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "spotrun-machine-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SpotrunException gone;

    MachineWatch(RunContext context, int attempt, Instance instance) {
        this.context = context;
        this.attempt = attempt;
        this.instance = instance;
    }

    /** A connection to the machine's engine broke: asks the cloud, on a thread of its own, once at a time. */
    void connectionLost() {
        if (gone == null && checking.compareAndSet(false, true)) {
            try {
                checks.execute(this::check);
            } catch (RuntimeException closed) {
                checking.set(false);
            }
        }
    }

    /** What the cloud said when the machine turned out gone, or null. */
    SpotrunException gone() {
        return gone;
    }

    private void check() {
        try {
            InstanceStatus status = context.compute().status(instance.id());
            if (status.interrupted()) {
                context.events().emit(at -> new RunEvent.InstanceInterrupted(at, attempt, instance.id(),
                        status.reason()));
                gone = new SpotInterrupted(instance.id(), status.reason());
            } else if (status.state().isGone()) {
                gone = new InstanceFailed(instance.id(), "it is " + status.state().name().toLowerCase(Locale.ROOT)
                        + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
            }
            if (gone != null) {
                context.cancellation().interruptIfWaiting();
            }
        } catch (RuntimeException unknown) {
            // The cloud did not answer: the engine's client goes on reconnecting, and a later loss asks again.
        } finally {
            checking.set(false);
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
