package dev.spotrun.domain;

import java.util.Objects;

/**
 * A machine that was launched for a run.
 *
 * @param id           the cloud's id, e.g. {@code i-0123456789abcdef0}
 * @param instanceType the type it was launched as
 * @param market       {@link Market#SPOT} or {@link Market#ON_DEMAND}
 * @param zone         its availability zone, or "" when not known yet
 * @param address      the address to reach its engine on, or "" until it runs
 */
public record Instance(String id, String instanceType, Market market, String zone, String address) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(market, "market");
        zone = Objects.requireNonNullElse(zone, "");
        address = Objects.requireNonNullElse(address, "");
    }

    public Instance withAddress(String newAddress) {
        return new Instance(id, instanceType, market, zone, newAddress);
    }

    public Instance withZone(String newZone) {
        return new Instance(id, instanceType, market, newZone, address);
    }
}
