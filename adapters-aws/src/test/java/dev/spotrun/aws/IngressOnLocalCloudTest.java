package dev.spotrun.aws;

import static dev.spotrun.aws.Ec2ComputeOnLocalCloudTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.testkit.localcloud.LocalCloudExtension;
import dev.spotrun.localcloud.LocalSecurityGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run's firewall rule as the local cloud records it, through Ec2Compute: an IPv4 caller's /32 as an IPv4
 * range, an IPv6 caller's /128 (or an IPv6 --allow-cidr) as an IPv6 range, on the engine's port only.
 */
class IngressOnLocalCloudTest {

    @RegisterExtension
    static final LocalCloudExtension LOCAL = new LocalCloudExtension();

    private static List<LocalSecurityGroup.Rule> rulesOfRunFrom(CallerAddress caller, String allowCidr) {
        LocalCloud cloud = LOCAL.cloud();
        try (AwsAdapters aws = LocalCloudAdapters.of(cloud).callerAddress(caller).bootScript(request -> "#!/bin/sh\n").build()) {
            ComputePort compute = aws.compute();
            MachineSpec machine = new MachineSpec(List.of("m5.large"), Market.SPOT, null, null, null, "", "", "",
                    allowCidr, false, Map.of());
            LaunchRequest request = request("m5.large", Market.SPOT, machine);
            Instance instance = compute.launch(request);
            List<LocalSecurityGroup.Rule> rules = cloud.securityGroups().stream()
                    .filter(g -> g.name().equals("spotrun-" + request.runId())).findFirst().orElseThrow().rules();
            compute.terminate(instance.id());
            compute.releaseRun(request.runId());
            return rules;
        }
    }

    @Test
    void anIpv4CallerIsAdmittedAsAnIpv4Range() {
        assertThat(rulesOfRunFrom(CallerAddress.fixed("203.0.113.7/32"), "")).singleElement().satisfies(rule -> {
            assertThat(rule.cidr()).isEqualTo("203.0.113.7/32");
            assertThat(rule.ipv6()).isFalse();
            assertThat(rule.fromPort()).isEqualTo(2376);
            assertThat(rule.toPort()).isEqualTo(2376);
        });
    }

    @Test
    void anIpv6CallerIsAdmittedAsAnIpv6Range() {
        assertThat(rulesOfRunFrom(CallerAddress.fixed("2001:db8::7/128"), "")).singleElement().satisfies(rule -> {
            assertThat(rule.cidr()).isEqualTo("2001:db8::7/128");
            assertThat(rule.ipv6()).isTrue();
            assertThat(rule.protocol()).isEqualTo("tcp");
        });
    }

    @Test
    void anIpv6AllowedNetworkIsAnIpv6RangeAndTheCallerIsNotAsked() {
        CallerAddress never = () -> {
            throw new AssertionError("the caller's address was asked for although --allow-cidr was given");
        };
        assertThat(rulesOfRunFrom(never, "2001:db8:1234::/48")).singleElement()
                .satisfies(rule -> assertThat(rule.ipv6()).isTrue())
                .satisfies(rule -> assertThat(rule.cidr()).isEqualTo("2001:db8:1234::/48"));
    }
}
