package dev.spotrun.domain.sweep;

import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.Leftovers;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.sweep.SweepReport.MachineAction;
import dev.spotrun.domain.sweep.SweepReport.RunAction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sweeps up after runs that could not clean up themselves: terminates every spotrun machine whose expiry passed,
 * then releases what every stale run left (its security group), including runs whose machines are gone already
 * (they powered themselves off at their expiry or by their dead-man switch after spotrun was killed). Live
 * machines and what live runs need are spared. One failure does not stop the rest; each is in the report.
 */
public final class Sweep {

    private final ComputePort compute;
    private final Clock clock;

    public Sweep(ComputePort compute, Clock clock) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sweeps, or with {@code dryRun} only says what it would do. */
    public SweepReport sweep(boolean dryRun) {
        var now = clock.instant();
        // One look before terminating: the runs of the machines about to be terminated are stale too.
        Leftovers leftovers = compute.leftovers(now);
        List<SweepReport.Machine> machines = new ArrayList<>();
        for (InstanceSummary machine : leftovers.expiredMachines()) {
            machines.add(dryRun ? new SweepReport.Machine(machine, MachineAction.WOULD_TERMINATE, null) : terminate(machine));
        }
        List<SweepReport.Run> runs = new ArrayList<>();
        for (String run : leftovers.staleRuns()) {
            runs.add(dryRun ? new SweepReport.Run(run, RunAction.WOULD_RELEASE, null) : release(run));
        }
        return new SweepReport(machines, runs);
    }

    private SweepReport.Machine terminate(InstanceSummary machine) {
        try {
            compute.terminate(machine.id());
            return new SweepReport.Machine(machine, MachineAction.TERMINATED, null);
        } catch (SpotrunException e) {
            return new SweepReport.Machine(machine, MachineAction.FAILED, e);
        }
    }

    private SweepReport.Run release(String runId) {
        try {
            boolean released = compute.releaseRun(runId);
            return new SweepReport.Run(runId, released ? RunAction.RELEASED : RunAction.KEPT_FOR_LATER, null);
        } catch (SpotrunException e) {
            return new SweepReport.Run(runId, RunAction.FAILED, e);
        }
    }
}
