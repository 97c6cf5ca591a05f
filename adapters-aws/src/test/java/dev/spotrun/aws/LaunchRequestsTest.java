package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.InvalidRunSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class LaunchRequestsTest {

    private static final EngineBootstrap ENGINE = new EngineBootstrap(2376, "ca", "cert", "key");
    private static final Instant EXPIRES = Instant.parse("2030-01-01T07:00:00Z");

    private static LaunchRequest request(LaunchOption option, MachineSpec machine) {
        return new LaunchRequest("sr-0123456789ab", 2, option, machine, ENGINE, "alice", EXPIRES);
    }

    @Test
    void aSpotLaunchIsOneTimeTerminatedOnInterruptionWithThePriceCap() {
        MachineSpec machine = MachineSpec.spot("m5.large").withMaxSpotPrice(new BigDecimal("0.10"));
        RunInstancesRequest run = LaunchRequests.runInstances(
                request(new LaunchOption("m5.large", Market.SPOT, "", ""), machine), "ami-1", "sg-1", "dXNlcg==");

        assertThat(run.instanceMarketOptions().marketType()).isEqualTo(MarketType.SPOT);
        assertThat(run.instanceMarketOptions().spotOptions().spotInstanceType()).isEqualTo(SpotInstanceType.ONE_TIME);
        assertThat(run.instanceMarketOptions().spotOptions().instanceInterruptionBehavior())
                .isEqualTo(InstanceInterruptionBehavior.TERMINATE);
        assertThat(run.instanceMarketOptions().spotOptions().maxPrice()).isEqualTo("0.10");
        assertThat(run.minCount()).isEqualTo(1);
        assertThat(run.maxCount()).isEqualTo(1);
        assertThat(run.imageId()).isEqualTo("ami-1");
        assertThat(run.securityGroupIds()).containsExactly("sg-1");
        assertThat(run.userData()).isEqualTo("dXNlcg==");
    }

    @Test
    void theLaunchCarriesTheRequestsClientTokenSoThatAskingAgainFindsTheSameMachine() {
        LaunchRequest request = request(new LaunchOption("m5.large", Market.SPOT, "", ""), MachineSpec.spot("m5.large"));
        RunInstancesRequest run = LaunchRequests.runInstances(request, "ami-1", "sg-1", "");

        assertThat(run.clientToken()).isEqualTo(request.clientToken());
    }

    @Test
    void anOnDemandLaunchHasNoMarketOptionsAndNoPriceCap() {
        RunInstancesRequest run = LaunchRequests.runInstances(request(new LaunchOption("m5.large", Market.ON_DEMAND,
                "", ""), MachineSpec.spot("m5.large")), "ami-1", "sg-1", "");

        assertThat(run.instanceMarketOptions()).isNull();
    }

    @Test
    void everyMachineIsImdsV2OnlyAndTerminatesWhenItShutsItselfDown() {
        RunInstancesRequest run = LaunchRequests.runInstances(request(new LaunchOption("m5.large", Market.SPOT, "", ""),
                MachineSpec.spot("m5.large")), "ami-1", "sg-1", "");

        assertThat(run.metadataOptions().httpTokens()).isEqualTo(HttpTokensState.REQUIRED);
        assertThat(run.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(run.instanceInitiatedShutdownBehavior()).isEqualTo(ShutdownBehavior.TERMINATE);
    }

    @Test
    void theInstanceAndItsVolumesCarrySpotrunsTagsAndTheUsers() {
        MachineSpec machine = MachineSpec.spot("m5.large").withTags(Map.of("team", "infra",
                LaunchRequest.TAG_OWNER, "mallory"));
        RunInstancesRequest run = LaunchRequests.runInstances(request(new LaunchOption("m5.large", Market.SPOT, "", ""),
                machine), "ami-1", "sg-1", "");

        assertThat(run.tagSpecifications()).extracting(TagSpecification::resourceType)
                .containsExactly(ResourceType.INSTANCE, ResourceType.VOLUME);
        for (TagSpecification spec : run.tagSpecifications()) {
            assertThat(spec.tags()).extracting(Tag::key, Tag::value).contains(
                    org.assertj.core.groups.Tuple.tuple("spotrun:run-id", "sr-0123456789ab"),
                    org.assertj.core.groups.Tuple.tuple("spotrun:owner", "alice"),
                    org.assertj.core.groups.Tuple.tuple("spotrun:expires-at", "2030-01-01T07:00:00Z"),
                    org.assertj.core.groups.Tuple.tuple("spotrun:attempt", "2"),
                    org.assertj.core.groups.Tuple.tuple("team", "infra"));
        }
    }

    @Test
    void aSubnetWinsOverAZoneAndAZoneBecomesThePlacement() {
        RunInstancesRequest inSubnet = LaunchRequests.runInstances(request(new LaunchOption("m5.large", Market.SPOT,
                "subnet-1", "eu-west-1a"), MachineSpec.spot("m5.large")), "ami-1", "sg-1", "");
        RunInstancesRequest inZone = LaunchRequests.runInstances(request(new LaunchOption("m5.large", Market.SPOT,
                "", "eu-west-1b"), MachineSpec.spot("m5.large")), "ami-1", "sg-1", "");

        assertThat(inSubnet.subnetId()).isEqualTo("subnet-1");
        assertThat(inSubnet.placement()).isNull();
        assertThat(inZone.subnetId()).isNull();
        assertThat(inZone.placement().availabilityZone()).isEqualTo("eu-west-1b");
    }

    @Test
    void theInstanceProfileIsGivenByNameOrByArn() {
        MachineSpec byName = new MachineSpec(java.util.List.of("m5.large"), Market.SPOT, null, null, null, "",
                "runner", "", "", false, Map.of());
        MachineSpec byArn = new MachineSpec(java.util.List.of("m5.large"), Market.SPOT, null, null, null, "",
                "arn:aws:iam::123456789012:instance-profile/runner", "", "", false, Map.of());
        LaunchOption option = new LaunchOption("m5.large", Market.SPOT, "", "");

        assertThat(LaunchRequests.runInstances(request(option, byName), "a", "s", "").iamInstanceProfile().name())
                .isEqualTo("runner");
        assertThat(LaunchRequests.runInstances(request(option, byArn), "a", "s", "").iamInstanceProfile().arn())
                .isEqualTo("arn:aws:iam::123456789012:instance-profile/runner");
        assertThat(LaunchRequests.runInstances(request(option, MachineSpec.spot("m5.large")), "a", "s", "")
                .iamInstanceProfile()).isNull();
    }

    @Test
    void userDataIsBase64AndRefusedAboveSixteenKibibytes() {
        String script = "#!/bin/sh\necho é\n";
        assertThat(new String(Base64.getDecoder().decode(LaunchRequests.encodeUserData(script)), StandardCharsets.UTF_8))
                .isEqualTo(script);
        assertThat(LaunchRequests.encodeUserData("x".repeat(16 * 1024))).isNotEmpty();
        assertThatThrownBy(() -> LaunchRequests.encodeUserData("x".repeat(16 * 1024 + 1)))
                .isInstanceOf(InvalidRunSpec.class).hasMessageContaining("16384");
    }
}
