package dev.spotrun.localcloud;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The local cloud's record of one EC2 instance. Its state changes under its own lock. */
final class FakeInstance {

    /** EC2's instance states with their numeric codes. */
    enum State {
        PENDING(0, "pending"), RUNNING(16, "running"), SHUTTING_DOWN(32, "shutting-down"), TERMINATED(48, "terminated"),
        STOPPING(64, "stopping"), STOPPED(80, "stopped");

        final int code;
        final String label;

        State(int code, String label) {
            this.code = code;
            this.label = label;
        }

        boolean gone() {
            return this == SHUTTING_DOWN || this == TERMINATED;
        }
    }

    /** What was asked for at launch; fixed for the instance's life. */
    record Launch(String reservationId, String instanceType, String imageId, String zone, String subnetId,
                  String vpcId, boolean spot, String maxPrice, String userData, List<String> groupIds,
                  String profile, String httpTokens, String shutdownBehavior, String clientToken,
                  String volumeId, Instant launchTime) {
    }

    final String id;
    final Launch launch;
    private final Map<String, String> tags;
    private final Map<String, String> volumeTags;
    private State state = State.PENDING;
    private String reasonCode = "pending";
    private String reasonMessage = "pending";
    private String publicAddress;
    private String privateAddress;
    private InstanceBackend.Machine machine;
    private Instant visibleFrom = Instant.MIN;
    private Instant noticedAt;
    private Instant noticeShownFrom;
    private Instant endedAt;

    /** A spot request as DescribeSpotInstanceRequests shows it: its state and status. */
    record SpotRequest(String id, String state, String code, String message, Instant updateTime) {
    }

    FakeInstance(String id, Launch launch, Map<String, String> tags, Map<String, String> volumeTags) {
        this.id = id;
        this.launch = launch;
        this.tags = new LinkedHashMap<>(tags);
        this.volumeTags = new LinkedHashMap<>(volumeTags);
    }

    synchronized State state() {
        return state;
    }

    synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    synchronized Map<String, String> volumeTags() {
        return Map.copyOf(volumeTags);
    }

    synchronized void tag(Map<String, String> more) {
        tags.putAll(more);
    }

    /** Hides the instance from EC2's API until {@code from}, as EC2's eventual consistency does. */
    synchronized void hideUntil(Instant from) {
        visibleFrom = from;
    }

    /** Whether EC2's API shows the instance yet. */
    synchronized boolean visible(Instant now) {
        return !now.isBefore(visibleFrom);
    }

    /** The id of the one-time spot request that launched it, or null for an on-demand instance. */
    String spotRequestId() {
        return launch.spot() ? "sir-" + id.substring(2, 10) : null;
    }

    /**
     * The cloud gives a running spot instance notice now; its spot request shows it from {@code shownAfter} on,
     * as EC2 shows it a little late, never early. False when it does not run or had notice already.
     */
    synchronized boolean notice(Instant now, Duration shownAfter) {
        if (!launch.spot() || state != State.RUNNING || noticedAt != null) {
            return false;
        }
        noticedAt = now;
        noticeShownFrom = now.plus(shownAfter);
        return true;
    }

    /** Its spot request at {@code now}, with the status codes EC2 documents for a one-time request. */
    synchronized SpotRequest spotRequest(Instant now) {
        if (state.gone() || state == State.STOPPING || state == State.STOPPED) {
            String code = switch (reasonCode) {
                case "Server.SpotInstanceTermination" -> "instance-terminated-no-capacity";
                case "Client.UserInitiatedShutdown" -> "instance-terminated-by-user";
                case "Client.InstanceInitiatedShutdown" -> state.gone() ? "instance-terminated-by-user"
                        : "instance-stopped-by-user";
                default -> "system-error";
            };
            return new SpotRequest(spotRequestId(), code.startsWith("instance-stopped") ? "disabled" : "closed",
                    code, reasonMessage, endedAt);
        }
        if (noticedAt != null && !now.isBefore(noticeShownFrom)) {
            return new SpotRequest(spotRequestId(), "active", "marked-for-termination",
                    "Spot Instance is marked for termination", noticedAt);
        }
        return new SpotRequest(spotRequestId(), "active", "fulfilled", "Your spot request is fulfilled.",
                launch.launchTime());
    }

    /** The machine while the instance runs, or null. */
    synchronized InstanceBackend.Machine runningMachine() {
        return state == State.RUNNING ? machine : null;
    }

    synchronized String reasonCode() {
        return state == State.PENDING || state == State.RUNNING ? "" : reasonCode;
    }

    synchronized String reasonMessage() {
        return state == State.PENDING || state == State.RUNNING ? "" : reasonMessage;
    }

    synchronized String publicAddress() {
        return state == State.RUNNING ? publicAddress : null;
    }

    synchronized String privateAddress() {
        return privateAddress;
    }

    /** The machine booted; returns false when the instance was terminated meanwhile and it must be destroyed. */
    synchronized boolean attach(InstanceBackend.Machine booted) {
        if (state != State.PENDING) {
            return false;
        }
        machine = booted;
        publicAddress = booted.publicAddress();
        privateAddress = booted.privateAddress();
        return true;
    }

    /** Pending becomes running; false when it is no longer pending. */
    synchronized boolean markRunning() {
        if (state != State.PENDING || machine == null) {
            return false;
        }
        state = State.RUNNING;
        return true;
    }

    /**
     * Starts going away with EC2's state reason; returns the machine to destroy, or null when it was already
     * going away (the first reason stands, as on EC2).
     */
    synchronized InstanceBackend.Machine beginShutdown(State next, String code, String message) {
        if (state.gone() || state == State.STOPPED) {
            return null;
        }
        state = next;
        endedAt = Instant.now();
        reasonCode = code;
        reasonMessage = code + ": " + message;
        InstanceBackend.Machine current = machine;
        machine = null;
        return current == null ? NO_MACHINE : current;
    }

    synchronized void finishShutdown() {
        state = state == State.STOPPING ? State.STOPPED : State.TERMINATED;
    }

    /** Stands in for a machine that was never booted, so that a shutdown still completes. */
    static final InstanceBackend.Machine NO_MACHINE = new InstanceBackend.Machine() {
        @Override
        public String publicAddress() {
            return null;
        }

        @Override
        public String privateAddress() {
            return null;
        }

        @Override
        public void destroy() {
        }
    };
}
