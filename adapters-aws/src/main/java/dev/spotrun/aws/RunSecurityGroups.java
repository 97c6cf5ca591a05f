package dev.spotrun.aws;

import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.failure.CloudRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The security group of a run: created on its first launch, admitting only the engine's TLS port from the
 * caller, and deleted once the run's machines are gone. Found again by its run-id tag, so that a group of a
 * run whose process died can still be released. A group that a terminated machine still holds when its run ends
 * (EC2 lets it go only once the machine is fully terminated, up to minutes later) is tagged {@value #TAG_ENDED_AT}
 * and deleted later: by {@link #releaseEnded} in any later run, or by {@code gc}.
 */
final class RunSecurityGroups {

    private static final String RULE = "spotrun: Docker engine, mutual TLS";

    /** When the group was made: with the abandon window, how {@code gc} tells a killed run's group from a live one's. */
    static final String TAG_CREATED_AT = "spotrun:created-at";
    /** The run's abandon window, in seconds. */
    static final String TAG_ABANDON_AFTER = "spotrun:abandon-after";
    /** When the run ended while a machine going away still held the group: the group is to be deleted once free. */
    static final String TAG_ENDED_AT = "spotrun:ended-at";

    /**
     * A run's group as its tags describe it; an unreadable time counts as "never", so no sweep ends it by mistake.
     *
     * @param ended whether its run ended and left it to be deleted later
     */
    record RunGroup(String runId, Instant expiresAt, Instant createdAt, Duration abandonAfter, boolean ended) {

        /**
         * Whether the run is past its expiry, or, when none of its machines lives, ended or past its abandon
         * window.
         */
        boolean staleAt(Instant now, boolean machineAlive) {
            if (!expiresAt.isAfter(now)) {
                return true;
            }
            if (machineAlive) {
                return false;
            }
            return ended || createdAt != Instant.MAX && !createdAt.plus(abandonAfter).isAfter(now);
        }
    }

    private final Ec2Client ec2;
    private final CallerAddress caller;
    private final Clock clock;
    private final Map<String, String> groups = new ConcurrentHashMap<>();
    private final Map<String, String> vpcOfSubnet = new ConcurrentHashMap<>();

    RunSecurityGroups(Ec2Client ec2, CallerAddress caller, Clock clock) {
        this.ec2 = ec2;
        this.caller = caller;
        this.clock = clock;
    }

    static String name(String runId) {
        return "spotrun-" + runId;
    }

    /** The group a launch uses: the given one, or the run's own in the launch's VPC. */
    String groupFor(LaunchRequest request) {
        if (!request.machine().securityGroup().isEmpty()) {
            return request.machine().securityGroup();
        }
        String vpc = request.option().subnet().isEmpty() ? "" : vpcOf(request.option().subnet());
        return groups.computeIfAbsent(request.runId() + "/" + vpc, key -> create(request, vpc));
    }

    private String vpcOf(String subnet) {
        return vpcOfSubnet.computeIfAbsent(subnet, s -> call("looking up subnet " + s,
                () -> ec2.describeSubnets(r -> r.subnetIds(s)).subnets().get(0).vpcId()));
    }

    private String create(LaunchRequest request, String vpc) {
        String cidr = request.machine().allowCidr().isEmpty() ? caller.cidr() : request.machine().allowCidr();
        String id = call("creating the run's security group", () -> createOrFind(request, vpc));
        int port = request.engine().port();
        call("opening port " + port + " to " + cidr, () -> {
            try {
                return ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(ingress(port, cidr)));
            } catch (SdkException e) {
                if (Ec2Errors.isCode(e, "InvalidPermission.Duplicate")) {
                    return null;
                }
                throw e;
            }
        });
        return id;
    }

    /** The engine's port from one range: EC2 keeps IPv4 and IPv6 ranges apart, and refuses either in the other. */
    static IpPermission ingress(int port, String cidr) {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port);
        if (cidr.indexOf(':') >= 0) {
            return permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr).description(RULE).build()).build();
        }
        return permission.ipRanges(IpRange.builder().cidrIp(cidr).description(RULE).build()).build();
    }

    private String createOrFind(LaunchRequest request, String vpc) {
        try {
            return ec2.createSecurityGroup(r -> r.groupName(name(request.runId()))
                    .description("spotrun run " + request.runId() + ": Docker engine TLS port from the caller")
                    .vpcId(vpc.isEmpty() ? null : vpc)
                    .tagSpecifications(LaunchRequests.tags(ResourceType.SECURITY_GROUP, groupTags(request))))
                    .groupId();
        } catch (SdkException e) {
            if (Ec2Errors.isCode(e, "InvalidGroup.Duplicate")) {
                return existing(request.runId(), vpc);
            }
            throw e;
        }
    }

    private Map<String, String> groupTags(LaunchRequest request) {
        Map<String, String> tags = new java.util.LinkedHashMap<>(request.tags());
        tags.remove(LaunchRequest.TAG_ATTEMPT);
        tags.put(TAG_CREATED_AT, now());
        tags.put(TAG_ABANDON_AFTER, Long.toString(request.abandonAfter().toSeconds()));
        return tags;
    }

    /** The run's group is gone (e.g. {@code gc} found no machine of the run alive): the next launch makes a new one. */
    void forget(String runId) {
        groups.entrySet().removeIf(e -> e.getKey().startsWith(runId + "/"));
    }

    /** Whether {@code groupId} is one this adapter made for {@code request}'s run. */
    boolean isRunGroup(LaunchRequest request, String groupId) {
        return request.machine().securityGroup().isEmpty() && groups.containsValue(groupId);
    }

    private String existing(String runId, String vpc) {
        List<Filter> filters = new java.util.ArrayList<>(List.of(filter("group-name", name(runId))));
        if (!vpc.isEmpty()) {
            filters.add(filter("vpc-id", vpc));
        }
        return ec2.describeSecurityGroups(r -> r.filters(filters)).securityGroups().get(0).groupId();
    }

    /** The run's groups, found by tag. */
    List<String> groupsOf(String runId) {
        return call("listing the run's security groups", () -> ec2.describeSecurityGroups(
                r -> r.filters(filter("tag:" + LaunchRequest.TAG_RUN_ID, runId))).securityGroups().stream()
                .map(SecurityGroup::groupId).toList());
    }

    /** The groups spotrun made, of every run, as their tags describe them. */
    List<RunGroup> all() {
        return call("listing spotrun's security groups", () -> ec2.describeSecurityGroupsPaginator(
                r -> r.filters(filter("tag-key", LaunchRequest.TAG_RUN_ID))).securityGroups().stream()
                .map(RunSecurityGroups::tags)
                .filter(tags -> !tags.getOrDefault(LaunchRequest.TAG_RUN_ID, "").isEmpty())
                .map(tags -> new RunGroup(tags.get(LaunchRequest.TAG_RUN_ID),
                        InstanceViews.expiry(tags.get(LaunchRequest.TAG_EXPIRES_AT)),
                        InstanceViews.expiry(tags.get(TAG_CREATED_AT)), seconds(tags.get(TAG_ABANDON_AFTER)),
                        tags.containsKey(TAG_ENDED_AT)))
                .toList());
    }

    private static Duration seconds(String tag) {
        try {
            return Duration.ofSeconds(Long.parseLong(tag));
        } catch (NumberFormatException | NullPointerException unreadable) {
            return LaunchRequest.DEFAULT_ABANDON_AFTER;
        }
    }

    private static Map<String, String> tags(SecurityGroup group) {
        return group.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    /**
     * Deletes the run's groups that are free now, and tags those a machine going away still holds as an ended
     * run's, for a later release: all of them, without trying, when {@code held} says a machine still holds them.
     * Returns whether none is left.
     */
    boolean release(String runId, boolean held) {
        boolean kept = false;
        for (String group : known(runId).orElseGet(() -> groupsOf(runId))) {
            if (held || !delete(group)) {
                call("marking security group " + group + " for a later release", () -> ec2.createTags(r -> r
                        .resources(group).tags(Tag.builder().key(TAG_ENDED_AT).value(now()).build())));
                kept = true;
            }
        }
        groups.entrySet().removeIf(e -> e.getKey().startsWith(runId + "/"));
        return !kept;
    }

    /**
     * The groups this process made for the run, if it made any: its own release need not look them up. A group
     * whose creation lost its answer was found by its name when the SDK asked again, so the list is whole.
     */
    private java.util.Optional<List<String>> known(String runId) {
        List<String> made = groups.entrySet().stream().filter(e -> e.getKey().startsWith(runId + "/"))
                .map(Map.Entry::getValue).toList();
        return made.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(made);
    }

    /** Deletes the groups that ended runs left and that no machine holds any more; returns those runs' ids. */
    List<String> releaseEnded() {
        List<SecurityGroup> ended = call("listing the security groups of ended runs", () -> ec2
                .describeSecurityGroupsPaginator(r -> r.filters(filter("tag-key", TAG_ENDED_AT))).securityGroups()
                .stream().toList());
        List<String> released = new java.util.ArrayList<>();
        for (SecurityGroup group : ended) {
            if (delete(group.groupId())) {
                released.add(tags(group).getOrDefault(LaunchRequest.TAG_RUN_ID, group.groupName()));
            }
        }
        return released;
    }

    /** Deletes a group; false when a machine, even a terminated one EC2 has not let go of yet, still holds it. */
    private boolean delete(String groupId) {
        return call("deleting security group " + groupId, () -> {
            try {
                ec2.deleteSecurityGroup(r -> r.groupId(groupId));
                return true;
            } catch (SdkException e) {
                if (Ec2Errors.isCode(e, "InvalidGroup.NotFound")) {
                    return true;
                }
                if (Ec2Errors.isCode(e, "DependencyViolation")) {
                    return false;
                }
                throw e;
            }
        });
    }

    private String now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Errors.translate(what, e, RunSecurityGroups::aboutRunGroup);
        }
    }

    /** A group these calls cannot find is the run's own, not one the user named. */
    private static CloudRejected.Subject aboutRunGroup(CloudRejected.Subject subject) {
        return subject == CloudRejected.Subject.SECURITY_GROUP ? CloudRejected.Subject.REQUEST : subject;
    }
}
