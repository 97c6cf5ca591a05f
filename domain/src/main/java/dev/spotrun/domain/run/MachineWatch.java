package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.SpotrunException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the cloud about an attempt's machine the moment a connection to its engine breaks, while the engine's
 * client is still reconnecting. A spot machine taken back without notice looks, from its engine's side, like a
 * flaky network: waiting for the reconnects to give up costs seconds to a minute. When the cloud says the
 * machine is gone, the attempt's waits are cut short and the attempt ends with what the cloud said.
 *
 * <p>While a spot machine's container runs, it also looks every {@link #LOOK_EVERY} for the cloud's
 * interruption notice (EC2 gives two minutes). On a notice the attempt's wait is cut short as for a machine that
 * is gone, but the machine is still there: the container gets a stop within the time left, and its artifacts
 * are copied out before the machine is terminated.
 */
final class MachineWatch implements AutoCloseable {

    /** How often a running spot machine is looked at for a notice: a few calls a minute, seconds of the two. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(5);

    private final RunContext context;
    private final int attempt;
    private final Instance instance;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final ExecutorService checks = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "spotrun-machine-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SpotrunException gone;
    private volatile Instant takeBackAt;

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
            } catch (RejectedExecutionException closed) {
                checking.set(false);
            }
        }
    }

    /**
     * The container runs: from now on a spot machine is looked at every {@link #LOOK_EVERY} until a notice
     * comes, the machine is gone, or the watch is closed. Other machines get no notice and are not looked at.
     */
    void watchForNotice() {
        if (instance.market() != Market.SPOT) {
            return;
        }
        try {
            checks.execute(this::lookUntilNoticed);
        } catch (RejectedExecutionException closed) {
            // The attempt ended already.
        }
    }

    /** What the cloud said when the machine turned out gone or about to go, or null. */
    SpotrunException gone() {
        return gone;
    }

    /** Whether a notice came and the machine is still there by the clock: its artifacts can be copied. */
    boolean machineKept() {
        Instant until = takeBackAt;
        return until != null && context.clock().instant().isBefore(until);
    }

    /**
     * The stop grace period the container gets: {@code grace}, but after a notice at most half the time left, so
     * that the other half is the artifacts'.
     */
    Duration stopGrace(Duration grace) {
        Instant until = takeBackAt;
        if (until == null) {
            return grace;
        }
        Duration half = Duration.between(context.clock().instant(), until).dividedBy(2);
        return half.isNegative() ? Duration.ZERO : half.compareTo(grace) < 0 ? half : grace;
    }

    private void check() {
        try {
            judge(context.compute().status(instance.id()));
        } catch (RuntimeException unknown) {
            // The cloud did not answer: the engine's client goes on reconnecting, and a later loss asks again.
        } finally {
            checking.set(false);
        }
    }

    private void lookUntilNoticed() {
        try {
            while (gone == null) {
                context.sleeper().sleepBeside(LOOK_EVERY);
                look();
            }
        } catch (InterruptedException closed) {
            // The attempt ended: nothing is watched any more.
        }
    }

    private void look() {
        InstanceStatus status;
        try {
            status = context.compute().status(instance.id());
        } catch (RuntimeException unknown) {
            return; // The cloud did not answer this time: the next look asks again.
        }
        if (status.notice().isPresent()) {
            noticed(status.notice().get(), status.reason());
        } else {
            judge(status);
        }
    }

    private synchronized void noticed(Instant until, String reason) {
        if (gone != null) {
            return;
        }
        Duration left = Duration.between(context.clock().instant(), until);
        Duration shown = left.isNegative() ? Duration.ZERO : left;
        context.events().emit(at -> new RunEvent.InterruptionNoticed(at, attempt, instance.id(), shown, reason));
        takeBackAt = until;
        gone = new SpotInterrupted(instance.id(), "notice" + (reason.isEmpty() ? "" : " " + reason)
                + ": the cloud takes it back at " + until);
        context.cancellation().interruptIfWaiting();
    }

    private synchronized void judge(InstanceStatus status) {
        if (gone != null) {
            return;
        }
        gone = MachineCheck.gone(context, attempt, instance, status);
        if (gone != null) {
            context.cancellation().interruptIfWaiting();
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
