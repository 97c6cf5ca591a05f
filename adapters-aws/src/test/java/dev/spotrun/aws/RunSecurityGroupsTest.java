package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.CloudRejected;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * The run's security group rule as the SDK puts it on the wire, to a loopback server that answers as EC2's
 * Query API does: an IPv4 caller gets an IPv4 range, an IPv6 caller (or --allow-cidr) an IPv6 range.
 */
class RunSecurityGroupsTest {

    private static final String XMLNS = " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";

    private LoopbackHttp ec2Endpoint;
    private Ec2Client ec2;
    /** The error code the endpoint answers AuthorizeSecurityGroupIngress with, or null for success. */
    private volatile String ingressError;

    @AfterEach
    void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (ec2Endpoint != null) {
            ec2Endpoint.close();
        }
    }

    private RunSecurityGroups groups(CallerAddress caller) throws IOException {
        ec2Endpoint = new LoopbackHttp((exchange, body) -> {
            String action = form(body).get("Action");
            if (action.equals("AuthorizeSecurityGroupIngress") && ingressError != null) {
                LoopbackHttp.send(exchange, 400, "text/xml", "<Response><Errors><Error><Code>" + ingressError
                        + "</Code><Message>The security group does not exist</Message></Error></Errors>"
                        + "<RequestID>r</RequestID></Response>");
                return;
            }
            String answer = switch (action) {
                case "CreateSecurityGroup" -> "<CreateSecurityGroupResponse" + XMLNS + "><requestId>r1</requestId>"
                        + "<return>true</return><groupId>sg-0123456789abcdef0</groupId></CreateSecurityGroupResponse>";
                case "AuthorizeSecurityGroupIngress" -> "<AuthorizeSecurityGroupIngressResponse" + XMLNS
                        + "><requestId>r2</requestId><return>true</return></AuthorizeSecurityGroupIngressResponse>";
                default -> null;
            };
            if (answer == null) {
                LoopbackHttp.send(exchange, 400, "text/xml", "<Response><Errors><Error><Code>InvalidAction</Code>"
                        + "<Message>not here</Message></Error></Errors><RequestID>r</RequestID></Response>");
            } else {
                LoopbackHttp.send(exchange, 200, "text/xml", answer);
            }
        });
        ec2 = Ec2Client.builder().endpointOverride(ec2Endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
        return new RunSecurityGroups(ec2, caller, java.time.Clock.systemUTC());
    }

    private static LaunchRequest launch(String allowCidr) {
        MachineSpec machine = new MachineSpec(List.of("m5.large"), Market.SPOT, null, null, null, "", "", "",
                allowCidr, false, Map.of());
        return new LaunchRequest("sr-0123456789ab", 1, new LaunchOption("m5.large", Market.SPOT, "", ""), machine,
                new EngineBootstrap(2376, "ca", "cert", "key"), "alice", Instant.parse("2030-01-01T00:00:00Z"));
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8), (a, b) -> b));
    }

    private Map<String, String> ingress() {
        return ec2Endpoint.bodies.stream().map(RunSecurityGroupsTest::form)
                .filter(f -> "AuthorizeSecurityGroupIngress".equals(f.get("Action"))).findFirst().orElseThrow();
    }

    @Test
    void anIpv4CallerGetsAnIpv4RangeOnTheEnginePortOnly() throws IOException {
        String group = groups(CallerAddress.fixed("203.0.113.7/32")).groupFor(launch(""));

        assertThat(group).isEqualTo("sg-0123456789abcdef0");
        assertThat(ingress()).containsEntry("GroupId", group)
                .containsEntry("IpPermissions.1.IpProtocol", "tcp")
                .containsEntry("IpPermissions.1.FromPort", "2376").containsEntry("IpPermissions.1.ToPort", "2376")
                .containsEntry("IpPermissions.1.IpRanges.1.CidrIp", "203.0.113.7/32")
                .doesNotContainKey("IpPermissions.1.Ipv6Ranges.1.CidrIpv6");
    }

    @Test
    void anIpv6CallerGetsAnIpv6RangeOfItsSlash128() throws IOException {
        groups(CallerAddress.fixed("2001:db8::7/128")).groupFor(launch(""));

        assertThat(ingress()).containsEntry("IpPermissions.1.Ipv6Ranges.1.CidrIpv6", "2001:db8::7/128")
                .containsEntry("IpPermissions.1.FromPort", "2376")
                .doesNotContainKey("IpPermissions.1.IpRanges.1.CidrIp");
    }

    @Test
    void anIpv6AllowedRangeIsAnIpv6RangeAndTheCallerIsNotAsked() throws IOException {
        CallerAddress never = () -> {
            throw new AssertionError("the caller's address was asked for although --allow-cidr was given");
        };
        groups(never).groupFor(launch("2001:db8:1234::/48"));

        assertThat(ingress()).containsEntry("IpPermissions.1.Ipv6Ranges.1.CidrIpv6", "2001:db8:1234::/48")
                .doesNotContainKey("IpPermissions.1.IpRanges.1.CidrIp");
    }

    @Test
    void aCallerAddressThatCannotBeLearntIsReportedAsSuchBeforeAnyGroupIsMade() throws IOException {
        CallerAddress unknown = () -> {
            throw new CallerAddressUnknown("https://checkip.test/", "it answered HTTP 503", true, null);
        };
        RunSecurityGroups groups = groups(unknown);

        assertThatThrownBy(() -> groups.groupFor(launch(""))).isInstanceOf(CallerAddressUnknown.class);
        assertThat(ec2Endpoint.bodies).isEmpty();
    }

    @Test
    void theRuleIsBuiltForTheFamilyOfItsRange() {
        IpPermission v4 = RunSecurityGroups.ingress(2376, "10.0.0.0/8");
        IpPermission v6 = RunSecurityGroups.ingress(2376, "::ffff:0:0/96");

        assertThat(v4.ipRanges()).singleElement().satisfies(r -> assertThat(r.cidrIp()).isEqualTo("10.0.0.0/8"));
        assertThat(v4.hasIpv6Ranges()).isFalse();
        assertThat(v6.ipv6Ranges()).singleElement().satisfies(r -> assertThat(r.cidrIpv6()).isEqualTo("::ffff:0:0/96"));
        assertThat(v6.hasIpRanges()).isFalse();
    }

    @Test
    void aGroupThatCannotBeFoundHereIsTheRunsOwnNotOneTheUserNamed() throws IOException {
        RunSecurityGroups groups = groups(CallerAddress.fixed("203.0.113.7/32"));
        ingressError = "InvalidGroup.NotFound";

        assertThatThrownBy(() -> groups.groupFor(launch(""))).isInstanceOfSatisfying(CloudRejected.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidGroup.NotFound");
            assertThat(e.subject()).isEqualTo(CloudRejected.Subject.REQUEST);
            assertThat(e.getMessage()).startsWith("opening port 2376 to 203.0.113.7/32 was refused");
        });
    }
}
