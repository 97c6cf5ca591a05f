package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.Cancelled;
import java.time.Duration;

/**
 * An attempt's last step, on every path: stops the container if it did not exit, takes the artifacts of one that
 * may have run, closes the watch and the engine's client, and terminates the machine. What there is to do is
 * read from the last value the attempt reached. It runs shielded from cancels: a further cancel only makes the
 * container's stop shorter, and the artifacts' copy.
 */
final class CleanUp {

    private final RunContext context;
    private final int attempt;
    private final PhaseTimer phases;
    private final FileTransfers files;

    CleanUp(RunContext context, int attempt, PhaseTimer phases, FileTransfers files) {
        this.context = context;
        this.attempt = attempt;
        this.phases = phases;
        this.files = files;
    }

    /** Cleans up after an attempt that got as far as {@code reached} and ended with {@code outcome}. */
    void run(Reached reached, Outcome outcome, String detail) {
        phases.start(Phase.TERMINATE, outcome == Outcome.EXITED);
        boolean terminated = false;
        try {
            terminated = context.cancellation().shielded(() -> {
                if (!reached.got(Reached.Exited.class)) {
                    reached.last(Reached.Created.class).ifPresent(this::stop);
                }
                reached.last(Reached.Attached.class).ifPresent(attached -> files.afterStop(attached.engine(),
                        attached.containerId(), outcome == Outcome.INTERRUPTED
                                && !attached.created().pulled().connected().watch().machineKept()));
                reached.last(Reached.Connected.class).ifPresent(CleanUp::close);
                Instance instance = reached.instance();
                return instance == null || new Terminator(context).terminate(attempt, instance.id());
            });
        } finally {
            phases.stop(terminated);
            context.events().emit(at -> new RunEvent.AttemptFinished(at, attempt, outcome, detail));
        }
    }

    /**
     * Stops a container that did not exit: gracefully when the run was not told otherwise, and at once when a
     * cancel arrives meanwhile (the second Ctrl-C), or when the stop cannot reach the engine otherwise.
     */
    private void stop(Reached.Created created) {
        Cancellation cancellation = context.cancellation();
        int cancelsBefore = cancellation.requests();
        boolean graceful = cancellation.isGraceful();
        if (graceful) {
            try {
                cancellation.interruptible(() -> {
                    if (cancellation.requests() != cancelsBefore) {
                        throw new Cancelled("the stop was cut short");
                    }
                    created.engine().stop(created.containerId(),
                            created.pulled().connected().watch().stopGrace(context.spec().timeouts().stopGrace()));
                    return null;
                });
            } catch (Cancelled escalated) {
                graceful = false;
            } catch (RuntimeException unreachable) {
                // The machine is terminated next; a container that cannot be stopped goes with it.
                return;
            }
        }
        if (!graceful && !killQuietly(created)) {
            return;
        }
        boolean wasGraceful = graceful;
        context.events().emit(at -> new RunEvent.ContainerStopped(at, attempt, created.containerId(), wasGraceful));
    }

    private static boolean killQuietly(Reached.Created created) {
        try {
            created.engine().stop(created.containerId(), Duration.ZERO);
            return true;
        } catch (RuntimeException ignored) {
            // As above: terminating the machine ends the container.
            return false;
        }
    }

    private static void close(Reached.Connected connected) {
        connected.watch().close();
        try {
            connected.engine().close();
        } catch (RuntimeException ignored) {
            // Closing a client of a machine about to go away cannot fail the run.
        }
    }
}
