package dev.spotrun.aws;

import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
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

    /**
     * The spot request status codes of an instance EC2 will interrupt while it still runs: the two-minute notice
     * as seen from outside the machine (the request stays active, the instance running).
     */
    private static final Set<String> NOTICE_CODES = Set.of("marked-for-termination", "marked-for-stop",
            "marked-for-hibernation");
    /** How long EC2 documents its interruption notice to be, counted from the status's update time. */
    static final Duration NOTICE_LEAD = Duration.ofMinutes(2);

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

    /**
     * A running spot instance's status with what its spot request says: when the request is marked for
     * termination (stop, hibernation), the machine is taken back {@link #NOTICE_LEAD} after the status changed;
     * without an update time, from {@code seenAt}.
     */
    static InstanceStatus withNotice(InstanceStatus running, SpotInstanceRequest request, Instant seenAt) {
        if (request == null || request.status() == null || !NOTICE_CODES.contains(request.status().code())) {
            return running;
        }
        Instant since = request.status().updateTime() == null ? seenAt : request.status().updateTime();
        return InstanceStatus.noticed(since.plus(NOTICE_LEAD), request.status().code());
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
