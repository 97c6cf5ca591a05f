package dev.spotrun.aws;

import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.SpecField;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Builds the RunInstances request for one launch option. Pure: no calls, so every field is unit-tested. */
final class LaunchRequests {

    /** EC2 refuses user-data above 16 KiB (before base64). */
    static final int USER_DATA_LIMIT = 16 * 1024;
    /** Containers reach the metadata service through the Docker bridge: one hop more than the host. */
    private static final int METADATA_HOP_LIMIT = 2;

    private LaunchRequests() {
    }

    static RunInstancesRequest runInstances(LaunchRequest request, String imageId, String securityGroupId,
                                            String userDataBase64) {
        LaunchOption option = request.option();
        MachineSpec machine = request.machine();
        RunInstancesRequest.Builder run = RunInstancesRequest.builder()
                .imageId(imageId)
                .instanceType(option.instanceType())
                .minCount(1)
                .maxCount(1)
                // Asking again with the same token returns the machine EC2 made, not a second one.
                .clientToken(request.clientToken())
                .userData(userDataBase64)
                // The boot script powers the machine off at its expiry; this makes power-off mean "gone".
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE)
                .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED)
                        .httpEndpoint(InstanceMetadataEndpointState.ENABLED)
                        .httpPutResponseHopLimit(METADATA_HOP_LIMIT))
                .securityGroupIds(securityGroupId)
                .tagSpecifications(tags(ResourceType.INSTANCE, request.tags()), tags(ResourceType.VOLUME, request.tags()));
        place(run, option);
        if (option.market() == Market.SPOT) {
            run.instanceMarketOptions(spot(machine));
        }
        if (!machine.iamInstanceProfile().isEmpty()) {
            run.iamInstanceProfile(profile(machine.iamInstanceProfile()));
        }
        return run.build();
    }

    /** A subnet implies its zone; a zone alone is a placement. */
    private static void place(RunInstancesRequest.Builder run, LaunchOption option) {
        if (!option.subnet().isEmpty()) {
            run.subnetId(option.subnet());
        } else if (!option.zone().isEmpty()) {
            run.placement(p -> p.availabilityZone(option.zone()));
        }
    }

    /** One-time and terminated on interruption: a spot machine that is taken back is simply gone. */
    private static InstanceMarketOptionsRequest spot(MachineSpec machine) {
        SpotMarketOptions.Builder spot = SpotMarketOptions.builder()
                .spotInstanceType(SpotInstanceType.ONE_TIME)
                .instanceInterruptionBehavior(InstanceInterruptionBehavior.TERMINATE);
        machine.spotPriceCap().ifPresent(price -> spot.maxPrice(price.toPlainString()));
        return InstanceMarketOptionsRequest.builder().marketType(MarketType.SPOT).spotOptions(spot.build()).build();
    }

    private static IamInstanceProfileSpecification profile(String nameOrArn) {
        IamInstanceProfileSpecification.Builder profile = IamInstanceProfileSpecification.builder();
        return (nameOrArn.startsWith("arn:") ? profile.arn(nameOrArn) : profile.name(nameOrArn)).build();
    }

    static TagSpecification tags(ResourceType type, Map<String, String> tags) {
        List<Tag> list = tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .sorted(java.util.Comparator.comparing(Tag::key))
                .toList();
        return TagSpecification.builder().resourceType(type).tags(list).build();
    }

    /** Base64 of the script, refused before anything is launched when EC2 would refuse it. */
    static String encodeUserData(String script) {
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > USER_DATA_LIMIT) {
            throw InvalidRunSpec.of(SpecField.MACHINE, "", "the machine's boot script is " + bytes.length
                    + " bytes; EC2 accepts at most " + USER_DATA_LIMIT);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
