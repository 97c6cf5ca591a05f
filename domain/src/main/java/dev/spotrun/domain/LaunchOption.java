package dev.spotrun.domain;

import java.util.Objects;

/**
 * One way to get a machine: a type, a market and a place. The lifecycle tries the options of a
 * {@link MachineSpec} in order until one has capacity.
 *
 * @param instanceType the instance type
 * @param market       {@link Market#SPOT} or {@link Market#ON_DEMAND}
 * @param subnet       the subnet, or "" for the default
 * @param zone         the availability zone, or "" for any (ignored when a subnet is given)
 */
public record LaunchOption(String instanceType, Market market, String subnet, String zone) {

    public LaunchOption {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(market, "market");
        if (market == Market.SPOT_THEN_ON_DEMAND) {
            throw new IllegalArgumentException("a launch option is either spot or on-demand");
        }
        subnet = Objects.requireNonNullElse(subnet, "");
        zone = Objects.requireNonNullElse(zone, "");
    }

    /** Where, for messages: the subnet, the zone, or "any zone". */
    public String placement() {
        if (!subnet.isEmpty()) {
            return subnet;
        }
        return zone.isEmpty() ? "any zone" : zone;
    }

    @Override
    public String toString() {
        return instanceType + " " + market.label() + " in " + placement();
    }
}
