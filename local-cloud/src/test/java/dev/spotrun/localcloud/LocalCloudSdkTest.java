package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** The unmodified SDK v2 clients read what the local cloud answers, field by field. */
class LocalCloudSdkTest {

    @RegisterExtension
    static final CloudPerClass LOCAL = new CloudPerClass();

    private static LocalCloud cloud;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        cloud = LOCAL.cloud();
        ec2 = Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .build();
    }

    @AfterAll
    static void stop() {
        ec2.close();
    }

    @Test
    void runInstancesAnswersWhatTheSdkReads() {
        RunInstancesResponse response = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI)
                .instanceType("m5.large").minCount(1).maxCount(1)
                .userData(Base64.getEncoder().encodeToString("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)))
                .subnetId(cloud.subnets().get(1))
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s.maxPrice("0.05")))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("k").value("v").build()).build()));

        Instance launched = response.instances().get(0);
        assertThat(launched.instanceId()).matches("i-[0-9a-f]{17}");
        assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(launched.placement().availabilityZone()).isEqualTo(cloud.zones().get(1));
        assertThat(launched.instanceTypeAsString()).isEqualTo("m5.large");
        assertThat(launched.tags()).singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("k=v"));
        assertThat(response.reservationId()).startsWith("r-");
        assertThat(cloud.instance(launched.instanceId()).userData()).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(cloud.requests("RunInstances")).singleElement()
                .satisfies(r -> assertThat(r.accessKeyId()).isEqualTo("AKIDLOCAL"));
    }

    @Test
    void describeInstancesShowsTheRunningInstanceWithItsAddressAndLifecycle() throws Exception {
        String id = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1).instanceMarketOptions(m -> m.marketType(MarketType.SPOT))).instances().get(0).instanceId();

        Instance running = ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id),
                c -> c.waitTimeout(Duration.ofSeconds(10)).backoffStrategyV2(
                        software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(50))))
                .matched().response().orElseThrow().reservations().get(0).instances().get(0);

        assertThat(running.publicIpAddress()).startsWith("127.");
        assertThat(running.privateIpAddress()).startsWith("10.");
        assertThat(running.instanceLifecycleAsString()).isEqualTo("spot");
        assertThat(running.launchTime()).isNotNull();
        assertThat(running.metadataOptions().httpTokensAsString()).isEqualTo("optional");
    }

    @Test
    void anInterruptedSpotInstanceCarriesEc2sStateReason() throws Exception {
        String id = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1).instanceMarketOptions(m -> m.marketType(MarketType.SPOT))).instances().get(0).instanceId();

        cloud.interrupt(id);

        Instance gone = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
        assertThat(gone.state().name()).isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
        assertThat(gone.stateReason().code()).isEqualTo("Server.SpotInstanceTermination");
        assertThat(gone.publicIpAddress()).isNull();
    }

    @Test
    void injectedFaultsAnswerWithTheirStatusAndCode() {
        cloud.faults().failNext("DescribeInstances", 1, 401, "AuthFailure");
        assertThatThrownBy(() -> ec2.describeInstances()).isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
        });
        assertThat(cloud.requests("DescribeInstances")).singleElement().satisfies(r -> assertThat(r.failed()).isTrue());
    }

    @Test
    void errorsArriveAsEc2ExceptionsWithTheirCode() {
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").instanceType("m5.large")
                .minCount(1).maxCount(1)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
    }

    @Test
    void securityGroupsAreCreatedAuthorizedDescribedAndDeleted() {
        String id = ec2.createSecurityGroup(r -> r.groupName("g1").description("d")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                        .tags(Tag.builder().key("a").value("b").build()).build()))
                .groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(2376).toPort(2376).ipRanges(IpRange.builder().cidrIp("127.0.0.1/32").build()).build()));

        var group = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("tag:a").values("b").build()))
                .securityGroups().get(0);
        assertThat(group.groupId()).isEqualTo(id);
        assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.fromPort()).isEqualTo(2376);
            assertThat(p.ipRanges().get(0).cidrIp()).isEqualTo("127.0.0.1/32");
        });

        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("spotrun:ended-at").value("now").build(),
                Tag.builder().key("a").value("c").build()));
        assertThat(ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("tag-key")
                .values("spotrun:ended-at").build())).securityGroups()).singleElement().satisfies(g -> assertThat(
                        g.tags()).extracting(Tag::key, Tag::value).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a", "c"),
                        org.assertj.core.groups.Tuple.tuple("spotrun:ended-at", "now")));
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources(id, "sg-0123456789abcdef0")
                .tags(Tag.builder().key("x").value("y").build()))).isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidGroup.NotFound"));
        assertThat(cloud.securityGroups()).singleElement().satisfies(g -> assertThat(g.tags()).doesNotContainKey("x"));

        ec2.deleteSecurityGroup(r -> r.groupId(id));
        assertThat(cloud.securityGroups()).isEmpty();
    }

    @Test
    void ssmAndEcrAnswerOverJson() {
        try (SsmClient ssm = SsmClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
             EcrClient ecr = EcrClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            assertThat(ssm.getParameter(r -> r.name("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"))
                    .parameter().value()).isEqualTo(LocalCloud.AL2023_ARM64_AMI);
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/nope"))).isInstanceOf(ParameterNotFoundException.class);

            AuthorizationData data = ecr.getAuthorizationToken(r -> { }).authorizationData().get(0);
            assertThat(new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8))
                    .isEqualTo("AWS:" + cloud.registryPassword());
            assertThat(data.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofHours(11)));
            assertThat(data.proxyEndpoint()).isEqualTo("https://" + cloud.registryHost());
        }
    }
}
