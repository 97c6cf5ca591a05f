package dev.spotrun.domain.run;

import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which launch options are tried: each market of the policy in turn (spot before on-demand),
 * within it each instance type in the user's order of preference, and within a type each subnet (or zone).
 * A preferred type in any zone beats a less preferred type in the first zone.
 */
public final class LaunchPlan {

    private LaunchPlan() {
    }

    /** Every option for the machine, in the order they are tried. */
    public static List<LaunchOption> options(MachineSpec machine) {
        List<LaunchOption> options = new ArrayList<>();
        for (Market market : machine.market().sequence()) {
            for (String type : machine.instanceTypes()) {
                if (!machine.subnets().isEmpty()) {
                    machine.subnets().forEach(subnet -> options.add(new LaunchOption(type, market, subnet, "")));
                } else if (!machine.zones().isEmpty()) {
                    machine.zones().forEach(zone -> options.add(new LaunchOption(type, market, "", zone)));
                } else {
                    options.add(new LaunchOption(type, market, "", ""));
                }
            }
        }
        return List.copyOf(options);
    }
}
