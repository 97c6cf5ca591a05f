package dev.spotrun.localcloud;

import java.util.List;
import java.util.Map;

/**
 * What the local cloud holds about one instance: what it was launched with and where it is now, for tests to
 * assert on.
 *
 * @param id               the instance id
 * @param instanceType     its type
 * @param spot             whether it was launched on the spot market
 * @param maxPrice         the spot price cap asked for, or ""
 * @param zone             its availability zone
 * @param subnetId         its subnet
 * @param imageId          its image
 * @param state            its EC2 state name: {@code pending}, {@code running}, {@code shutting-down}, ...
 * @param stateReason      the code of its state reason (e.g. {@code Server.SpotInstanceTermination}), or ""
 * @param publicAddress    its public address while it runs, or ""
 * @param userData         its user-data, decoded
 * @param tags             its tags
 * @param volumeTags       the tags of its root volume
 * @param securityGroupIds its security groups
 * @param httpTokens       its metadata option {@code HttpTokens}: {@code required} for IMDSv2 only
 * @param shutdownBehavior what happens when it shuts itself down: {@code stop} or {@code terminate}
 * @param instanceProfile  its instance profile name or ARN, or ""
 */
public record LocalInstance(String id, String instanceType, boolean spot, String maxPrice, String zone, String subnetId,
                            String imageId, String state, String stateReason, String publicAddress, String userData,
                            Map<String, String> tags, Map<String, String> volumeTags, List<String> securityGroupIds,
                            String httpTokens, String shutdownBehavior, String instanceProfile) {

    static LocalInstance of(FakeInstance instance) {
        FakeInstance.Launch launch = instance.launch;
        String address = instance.publicAddress();
        return new LocalInstance(instance.id, launch.instanceType(), launch.spot(), launch.maxPrice(), launch.zone(),
                launch.subnetId(), launch.imageId(), instance.state().label, instance.reasonCode(),
                address == null ? "" : address, launch.userData(), instance.tags(), instance.volumeTags(),
                List.copyOf(launch.groupIds()), launch.httpTokens(), launch.shutdownBehavior(), launch.profile());
    }

    /** Whether it is terminated or shutting down. */
    public boolean gone() {
        return state.equals("terminated") || state.equals("shutting-down");
    }
}
