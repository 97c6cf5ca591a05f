package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** EC2's client tokens and IPv6 ingress, as the unmodified SDK sends and reads them. */
class Ec2IdempotencyAndIpv6Test {

    @RegisterExtension
    static final CloudPerClass LOCAL = new CloudPerClass();

    private static LocalCloud cloud;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        cloud = LOCAL.cloud();
        ec2 = Clients.ec2WithoutRetries(cloud);
    }

    @AfterAll
    static void stop() {
        ec2.close();
    }

    private static RunInstancesResponse run(String token, String type) {
        return ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType(type).minCount(1).maxCount(1)
                .clientToken(token));
    }

    @Test
    void aClientTokenSeenBeforeReturnsTheSameReservationAndLaunchesNothing() {
        RunInstancesResponse first = run("sr-1-attempt-1-option-1", "t3.micro");
        int launched = cloud.instances().size();

        RunInstancesResponse again = run("sr-1-attempt-1-option-1", "t3.micro");

        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances().get(0).instanceId()).isEqualTo(first.instances().get(0).instanceId());
        assertThat(cloud.instances()).hasSize(launched);
        assertThat(run("sr-1-attempt-2-option-1", "t3.micro").reservationId()).isNotEqualTo(first.reservationId());
    }

    @Test
    void theSameTokenWithOtherParametersIsAMismatch() {
        run("sr-2-attempt-1-option-1", "t3.micro");
        int launched = cloud.instances().size();

        assertThatThrownBy(() -> run("sr-2-attempt-1-option-1", "m5.large"))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IdempotentParameterMismatch");
                });
        assertThat(cloud.instances()).hasSize(launched);
    }

    @Test
    void ipv6RangesAreAdmittedAndListedApartFromIpv4Ones() {
        String id = ec2.createSecurityGroup(r -> r.groupName("dual").description("d")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(2376).toPort(2376).ipRanges(IpRange.builder().cidrIp("203.0.113.7/32").build())
                .ipv6Ranges(Ipv6Range.builder().cidrIpv6("2001:db8::7/128").description("caller").build()).build()));

        SecurityGroup group = ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
        assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("203.0.113.7/32");
            assertThat(p.ipv6Ranges()).extracting(Ipv6Range::cidrIpv6).containsExactly("2001:db8::7/128");
            assertThat(p.ipv6Ranges().get(0).description()).isEqualTo("caller");
        });
        assertThat(cloud.securityGroups()).filteredOn(g -> g.id().equals(id)).singleElement()
                .satisfies(g -> assertThat(g.rules()).extracting(LocalSecurityGroup.Rule::ipv6)
                        .containsExactly(false, true));

        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission
                .builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipv6Ranges(Ipv6Range.builder().cidrIpv6("2001:db8::zz/64").build()).build())))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("malformed"));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission
                .builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(IpRange.builder().cidrIp("300.0.0.1/32").build()).build())))
                .isInstanceOf(Ec2Exception.class);
    }
}
