package dev.spotrun.domain;

import java.util.List;

/**
 * What runs that are over still hold in the cloud, as one look at it found: what a sweep ends.
 *
 * @param expiredMachines the spotrun machines, of any run, whose expiry passed and that are not terminated
 * @param staleRuns       the runs that are over but still hold a machine or what the adapter made for them
 */
public record Leftovers(List<InstanceSummary> expiredMachines, List<String> staleRuns) {

    public Leftovers {
        expiredMachines = List.copyOf(expiredMachines);
        staleRuns = List.copyOf(staleRuns);
    }
}
