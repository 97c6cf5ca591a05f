package dev.spotrun.localcloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The local cloud's network: one default VPC with a subnet per zone, and security groups. Answers
 * CreateSecurityGroup, AuthorizeSecurityGroupIngress, DeleteSecurityGroup, DescribeSecurityGroups and
 * DescribeSubnets.
 */
final class Ec2Network {

    static final String VPC = "vpc-0000000000000c10d";

    record Subnet(String id, String zone, String cidr) {
    }

    /** An ingress rule for one CIDR, IPv4 ({@code CidrIp}) or IPv6 ({@code CidrIpv6}). */
    record Rule(String protocol, int fromPort, int toPort, String cidr, String description) {
        boolean ipv6() {
            return cidr.contains(":");
        }
    }

    /** A security group; its rules grow under the group's own lock. */
    record Group(String id, String name, String description, String vpcId, Map<String, String> tags, List<Rule> rules) {
    }

    private final String owner;
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Predicate<String> groupInUse;

    Ec2Network(String owner, List<String> zones, Predicate<String> groupInUse) {
        this.owner = owner;
        this.groupInUse = groupInUse;
        for (int i = 0; i < zones.size(); i++) {
            String id = String.format("subnet-%017x", 0xa0L + i);
            subnets.put(id, new Subnet(id, zones.get(i), "10.0." + (16 * i) + ".0/20"));
        }
    }

    List<Subnet> subnets() {
        return List.copyOf(subnets.values());
    }

    Subnet subnet(String id) {
        Subnet subnet = subnets.get(id);
        if (subnet == null) {
            throw CloudError.badRequest("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
        }
        return subnet;
    }

    Subnet subnetInZone(String zone) {
        return subnets.values().stream().filter(s -> zone.isEmpty() || s.zone().equals(zone)).findFirst()
                .orElseThrow(() -> CloudError.badRequest("InvalidParameterValue",
                        "Invalid availability zone: [" + zone + "]"));
    }

    Group group(String id) {
        Group group = groups.get(id);
        if (group == null) {
            throw CloudError.badRequest("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return group;
    }

    List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** Adds tags to a group, or replaces the values of those it has (CreateTags). */
    void tag(String id, Map<String, String> tags) {
        groups.computeIfPresent(id, (key, group) -> {
            Map<String, String> merged = new LinkedHashMap<>(group.tags());
            merged.putAll(tags);
            return new Group(group.id(), group.name(), group.description(), group.vpcId(),
                    java.util.Collections.unmodifiableMap(merged),
                    group.rules());
        });
    }

    String handle(FormRequest request, String requestId) {
        return switch (request.action()) {
            case "CreateSecurityGroup" -> create(request, requestId);
            case "AuthorizeSecurityGroupIngress" -> authorize(request, requestId);
            case "DeleteSecurityGroup" -> delete(request, requestId);
            case "DescribeSecurityGroups" -> describeGroups(request, requestId);
            case "DescribeSubnets" -> describeSubnets(request, requestId);
            default -> throw new IllegalArgumentException(request.action());
        };
    }

    private synchronized String create(FormRequest request, String requestId) {
        String name = required(request, "GroupName");
        String vpcId = request.get("VpcId", VPC);
        if (!vpcId.equals(VPC)) {
            throw CloudError.badRequest("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        if (groups.values().stream().anyMatch(g -> g.name().equals(name) && g.vpcId().equals(vpcId))) {
            throw CloudError.badRequest("InvalidGroup.Duplicate",
                    "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
        }
        Map<String, String> tags = request.tagsFor("security-group");
        Group group = new Group(Ids.next("sg"), name, required(request, "GroupDescription"), vpcId, tags,
                new ArrayList<>());
        groups.put(group.id(), group);
        return Xml.response("CreateSecurityGroupResponse", requestId).text("return", true).text("groupId", group.id())
                .tags("tagSet", tags).end("CreateSecurityGroupResponse");
    }

    private String authorize(FormRequest request, String requestId) {
        Group group = group(required(request, "GroupId"));
        List<Rule> added = new ArrayList<>();
        for (FormRequest permission : request.members("IpPermissions")) {
            int from = permission.getInt("FromPort", -1);
            int to = permission.getInt("ToPort", -1);
            String protocol = permission.get("IpProtocol", "-1");
            for (FormRequest range : permission.members("IpRanges")) {
                added.add(new Rule(protocol, from, to, Cidrs.ipv4(range.get("CidrIp")), range.get("Description", "")));
            }
            for (FormRequest range : permission.members("Ipv6Ranges")) {
                added.add(new Rule(protocol, from, to, Cidrs.ipv6(range.get("CidrIpv6")),
                        range.get("Description", "")));
            }
        }
        if (added.isEmpty()) {
            throw CloudError.badRequest("MissingParameter", "No IP permissions given");
        }
        synchronized (group) {
            if (group.rules().stream().anyMatch(added::contains)) {
                throw CloudError.badRequest("InvalidPermission.Duplicate", "the specified rule already exists");
            }
            group.rules().addAll(added);
        }
        return Xml.response("AuthorizeSecurityGroupIngressResponse", requestId).text("return", true)
                .end("AuthorizeSecurityGroupIngressResponse");
    }

    private synchronized String delete(FormRequest request, String requestId) {
        Group group = group(required(request, "GroupId"));
        if (groupInUse.test(group.id())) {
            throw CloudError.badRequest("DependencyViolation", "resource " + group.id() + " has a dependent object");
        }
        groups.remove(group.id());
        return Xml.response("DeleteSecurityGroupResponse", requestId).text("return", true)
                .text("groupId", group.id()).end("DeleteSecurityGroupResponse");
    }

    private String describeGroups(FormRequest request, String requestId) {
        List<String> ids = request.list("GroupId");
        List<String> names = request.list("GroupName");
        Map<String, List<String>> filters = request.filters();
        Xml xml = Xml.response("DescribeSecurityGroupsResponse", requestId).open("securityGroupInfo");
        for (Group group : groups()) {
            boolean wanted = (ids.isEmpty() || ids.contains(group.id()))
                    && (names.isEmpty() || names.contains(group.name()))
                    && Filters.matches(filters, name -> groupValues(group, name));
            if (wanted) {
                writeGroup(xml, group);
            }
        }
        for (String id : ids) {
            group(id);
        }
        return xml.close("securityGroupInfo").end("DescribeSecurityGroupsResponse");
    }

    private static List<String> groupValues(Group group, String filter) {
        return switch (filter) {
            case "group-id" -> List.of(group.id());
            case "group-name" -> List.of(group.name());
            case "vpc-id" -> List.of(group.vpcId());
            case "description" -> List.of(group.description());
            default -> Filters.tagValues(filter, group.tags());
        };
    }

    private void writeGroup(Xml xml, Group group) {
        xml.open("item").text("ownerId", owner).text("groupId", group.id()).text("groupName", group.name())
                .text("groupDescription", group.description()).text("vpcId", group.vpcId()).open("ipPermissions");
        // As EC2 does, one permission per protocol and port range, with its IPv4 and IPv6 ranges apart.
        Map<List<Object>, List<Rule>> permissions = new LinkedHashMap<>();
        synchronized (group) {
            for (Rule rule : group.rules()) {
                permissions.computeIfAbsent(List.of(rule.protocol(), rule.fromPort(), rule.toPort()),
                        k -> new ArrayList<>()).add(rule);
            }
        }
        permissions.values().forEach(rules -> writePermission(xml, rules));
        xml.close("ipPermissions").tags("tagSet", group.tags()).close("item");
    }

    private static void writePermission(Xml xml, List<Rule> rules) {
        Rule first = rules.get(0);
        xml.open("item").text("ipProtocol", first.protocol()).text("fromPort", first.fromPort())
                .text("toPort", first.toPort()).open("ipRanges");
        rules.stream().filter(r -> !r.ipv6()).forEach(r -> writeRange(xml, "cidrIp", r));
        xml.close("ipRanges").open("ipv6Ranges");
        rules.stream().filter(Rule::ipv6).forEach(r -> writeRange(xml, "cidrIpv6", r));
        xml.close("ipv6Ranges").close("item");
    }

    private static void writeRange(Xml xml, String element, Rule rule) {
        xml.open("item").text(element, rule.cidr())
                .text("description", rule.description().isEmpty() ? null : rule.description()).close("item");
    }

    private String describeSubnets(FormRequest request, String requestId) {
        List<String> ids = request.list("SubnetId");
        Map<String, List<String>> filters = request.filters();
        Xml xml = Xml.response("DescribeSubnetsResponse", requestId).open("subnetSet");
        for (Subnet subnet : subnets()) {
            boolean wanted = (ids.isEmpty() || ids.contains(subnet.id()))
                    && Filters.matches(filters, name -> subnetValues(subnet, name));
            if (wanted) {
                xml.open("item").text("subnetId", subnet.id()).text("state", "available").text("vpcId", VPC)
                        .text("cidrBlock", subnet.cidr()).text("availableIpAddressCount", 4000)
                        .text("availabilityZone", subnet.zone()).text("defaultForAz", true)
                        .text("mapPublicIpOnLaunch", true).close("item");
            }
        }
        ids.forEach(this::subnet);
        return xml.close("subnetSet").end("DescribeSubnetsResponse");
    }

    private static List<String> subnetValues(Subnet subnet, String filter) {
        return switch (filter) {
            case "subnet-id" -> List.of(subnet.id());
            case "availability-zone" -> List.of(subnet.zone());
            case "vpc-id" -> List.of(VPC);
            default -> throw Filters.unknown(filter);
        };
    }

    static String required(FormRequest request, String name) {
        String value = request.get(name);
        if (value == null || value.isEmpty()) {
            throw CloudError.badRequest("MissingParameter", "The request must contain the parameter " + name);
        }
        return value;
    }
}
