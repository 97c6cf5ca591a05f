package dev.spotrun.localcloud;

import java.util.List;
import java.util.Map;

/**
 * A security group of the local cloud and its ingress rules.
 *
 * @param id    the group id
 * @param name  its name
 * @param vpcId its VPC
 * @param tags  its tags
 * @param rules its ingress rules
 */
public record LocalSecurityGroup(String id, String name, String vpcId, Map<String, String> tags, List<Rule> rules) {

    /**
     * One ingress rule.
     *
     * @param protocol {@code tcp}, {@code udp}, or {@code -1} for all
     * @param fromPort the first port
     * @param toPort   the last port
     * @param cidr     who may connect: an IPv4 block ({@code CidrIp}) or an IPv6 one ({@code CidrIpv6})
     */
    public record Rule(String protocol, int fromPort, int toPort, String cidr) {

        /** Whether the rule admits an IPv6 block. */
        public boolean ipv6() {
            return cidr.contains(":");
        }
    }

    static LocalSecurityGroup of(Ec2Network.Group group) {
        List<Rule> rules;
        synchronized (group) {
            rules = group.rules().stream().map(r -> new Rule(r.protocol(), r.fromPort(), r.toPort(), r.cidr())).toList();
        }
        return new LocalSecurityGroup(group.id(), group.name(), group.vpcId(), Map.copyOf(group.tags()), rules);
    }
}
