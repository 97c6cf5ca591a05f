package dev.spotrun.domain.sweep;

import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.List;
import java.util.Objects;

/**
 * What one sweep did: each expired machine and each stale run, with what happened to it.
 *
 * @param machines the machines past their expiry, in the order the cloud listed them
 * @param runs     the stale runs, in the order the cloud listed them
 */
public record SweepReport(List<Machine> machines, List<Run> runs) {

    public SweepReport {
        machines = List.copyOf(machines);
        runs = List.copyOf(runs);
    }

    /** What happened to an expired machine. */
    public enum MachineAction { TERMINATED, WOULD_TERMINATE, FAILED }

    /** What happened to a stale run's leftovers. */
    public enum RunAction {
        RELEASED, WOULD_RELEASE,
        /**
         * A machine of the run still lives (e.g. its termination failed), or, terminated, still holds what the run
         * made (EC2 lets it go minutes later): it stays for a later sweep, or, once marked as an ended run's, for
         * the next run.
         */
        KEPT_FOR_LATER,
        FAILED
    }

    /**
     * An expired machine.
     *
     * @param machine what the cloud said of it
     * @param action  what the sweep did
     * @param failure why it failed, or null when it did not
     */
    public record Machine(InstanceSummary machine, MachineAction action, SpotrunException failure) {
        public Machine {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * A stale run.
     *
     * @param runId   its id
     * @param action  what the sweep did
     * @param failure why it failed, or null when it did not
     */
    public record Run(String runId, RunAction action, SpotrunException failure) {
        public Run {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(action, "action");
        }
    }

    public long count(MachineAction action) {
        return machines.stream().filter(m -> m.action() == action).count();
    }

    public long count(RunAction action) {
        return runs.stream().filter(r -> r.action() == action).count();
    }

    /** Whether everything the sweep tried worked. */
    public boolean clean() {
        return count(MachineAction.FAILED) == 0 && count(RunAction.FAILED) == 0;
    }
}
