package dev.spotrun.aws;

import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Reads the domain's view of an EC2 instance: its state, whether it was interrupted, its spotrun tags. */
final class InstanceViews {

    /**
     * State reasons of a spot instance that EC2 took back. The first two are what DescribeInstances reports;
     * the others are the spot request's status codes, which some tools copy into the reason.
     */
    private static final Set<String> INTERRUPTION_CODES = Set.of("Server.SpotInstanceTermination",
            "Server.SpotInstanceShutdown", "instance-terminated-by-price", "instance-terminated-no-capacity",
            "instance-terminated-capacity-oversubscribed", "instance-terminated-launch-group-constraint",
            "instance-stopped-by-price", "instance-stopped-no-capacity");

    private InstanceViews() {
    }

    static InstanceState state(Instance instance) {
        if (instance.state() == null || instance.state().name() == null) {
            return InstanceState.UNKNOWN;
        }
        return switch (instance.state().name()) {
            case PENDING -> InstanceState.PENDING;
            case RUNNING -> InstanceState.RUNNING;
            case SHUTTING_DOWN -> InstanceState.SHUTTING_DOWN;
            case TERMINATED -> InstanceState.TERMINATED;
            case STOPPING -> InstanceState.STOPPING;
            case STOPPED -> InstanceState.STOPPED;
            default -> InstanceState.UNKNOWN;
        };
    }

    static String reason(Instance instance) {
        if (instance.stateReason() != null && instance.stateReason().code() != null) {
            return instance.stateReason().code();
        }
        return instance.stateTransitionReason() == null ? "" : instance.stateTransitionReason();
    }

    static boolean interrupted(Instance instance) {
        return INTERRUPTION_CODES.contains(reason(instance));
    }

    static InstanceStatus status(Instance instance) {
        return new InstanceStatus(state(instance), interrupted(instance), reason(instance));
    }

    static Map<String, String> tags(Instance instance) {
        return instance.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    /** The instance as a spotrun machine; an unreadable expiry counts as never, so no sweep ends it by mistake. */
    static InstanceSummary summary(Instance instance) {
        Map<String, String> tags = tags(instance);
        return new InstanceSummary(instance.instanceId(), tags.get(LaunchRequest.TAG_RUN_ID),
                tags.get(LaunchRequest.TAG_OWNER), expiry(tags.get(LaunchRequest.TAG_EXPIRES_AT)), state(instance));
    }

    static Instant expiry(String tag) {
        if (tag == null) {
            return Instant.MAX;
        }
        try {
            return Instant.parse(tag);
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }
}
