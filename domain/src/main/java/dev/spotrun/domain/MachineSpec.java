package dev.spotrun.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine to run on. Absent text options are "".
 *
 * @param instanceTypes      instance types in order of preference; the first with capacity is used
 * @param market             spot, on-demand, or spot falling back to on-demand
 * @param subnets            subnets to try in order (each implies its zone); empty for the default
 * @param zones              availability zones to try in order when no subnet is given; empty for any
 * @param maxSpotPrice       the highest hourly spot price to pay, or null for the on-demand price cap
 * @param ami                the machine image id, or "" for the latest Amazon Linux 2023
 * @param iamInstanceProfile an instance profile name or ARN, or ""
 * @param securityGroup      an existing security group to use, or "" to create one per run
 * @param allowCidr          who may reach the engine port when a group is created, or "" for the caller's address
 * @param usePrivateAddress  connect to the machine's private address instead of its public one
 * @param tags               tags for the machine and its volumes, besides spotrun's own
 */
public record MachineSpec(List<String> instanceTypes, Market market, List<String> subnets, List<String> zones,
                          BigDecimal maxSpotPrice, String ami, String iamInstanceProfile, String securityGroup,
                          String allowCidr, boolean usePrivateAddress, Map<String, String> tags) {

    public MachineSpec {
        instanceTypes = List.copyOf(Objects.requireNonNullElse(instanceTypes, List.of()));
        subnets = List.copyOf(Objects.requireNonNullElse(subnets, List.of()));
        zones = List.copyOf(Objects.requireNonNullElse(zones, List.of()));
        ami = Objects.requireNonNullElse(ami, "");
        iamInstanceProfile = Objects.requireNonNullElse(iamInstanceProfile, "");
        securityGroup = Objects.requireNonNullElse(securityGroup, "");
        allowCidr = Objects.requireNonNullElse(allowCidr, "");
        tags = Collections2.orderedCopy(tags);
    }

    /** Spot machines of the given types, everything else at its default. */
    public static MachineSpec spot(String... instanceTypes) {
        return new MachineSpec(List.of(instanceTypes), Market.SPOT, List.of(), List.of(), null, "", "", "", "", false,
                Map.of());
    }

    /** The spot price cap, when one was given. */
    public Optional<BigDecimal> spotPriceCap() {
        return Optional.ofNullable(maxSpotPrice);
    }

    public MachineSpec withMarket(Market newMarket) {
        return new MachineSpec(instanceTypes, newMarket, subnets, zones, maxSpotPrice, ami, iamInstanceProfile,
                securityGroup, allowCidr, usePrivateAddress, tags);
    }

    public MachineSpec withZones(List<String> newZones) {
        return new MachineSpec(instanceTypes, market, subnets, newZones, maxSpotPrice, ami, iamInstanceProfile,
                securityGroup, allowCidr, usePrivateAddress, tags);
    }

    public MachineSpec withSubnets(List<String> newSubnets) {
        return new MachineSpec(instanceTypes, market, newSubnets, zones, maxSpotPrice, ami, iamInstanceProfile,
                securityGroup, allowCidr, usePrivateAddress, tags);
    }

    public MachineSpec withTags(Map<String, String> newTags) {
        return new MachineSpec(instanceTypes, market, subnets, zones, maxSpotPrice, ami, iamInstanceProfile,
                securityGroup, allowCidr, usePrivateAddress, newTags);
    }

    public MachineSpec withMaxSpotPrice(BigDecimal price) {
        return new MachineSpec(instanceTypes, market, subnets, zones, price, ami, iamInstanceProfile,
                securityGroup, allowCidr, usePrivateAddress, tags);
    }
}
