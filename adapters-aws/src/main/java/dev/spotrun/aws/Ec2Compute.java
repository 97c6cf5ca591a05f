package dev.spotrun.aws;

import dev.spotrun.domain.Ahead;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.Leftovers;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ComputePort;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/**
 * Machines on EC2: one RunInstances per launch option (spot one-time or on-demand), tagged, IMDSv2 only,
 * terminated on its own shutdown, behind a per-run security group; the lifecycle owns the fallback across
 * options. Throttling and server errors are retried by the SDK's retry strategy (see {@link Ec2Retries}).
 */
final class Ec2Compute implements ComputePort {

    private static final String[] LIVE_STATES = {"pending", "running", "stopping", "stopped"};

    private final Ec2Client ec2;
    private final AmiResolver amis;
    private final RunSecurityGroups groups;
    private final UserDataRenderer userData;
    private final InstanceWaits waits;
    private final FreshInstances fresh;
    /** Which machines are to be reached on their private address; only the launching process needs to know. */
    private final Map<String, Boolean> privateAddress = new ConcurrentHashMap<>();

    Ec2Compute(Ec2Client ec2, AmiResolver amis, RunSecurityGroups groups, UserDataRenderer userData,
               InstanceWaits waits, FreshInstances fresh) {
        this.ec2 = ec2;
        this.amis = amis;
        this.groups = groups;
        this.userData = userData;
        this.waits = waits;
        this.fresh = fresh;
    }

    @Override
    public Instance launch(LaunchRequest request) {
        LaunchOption option = request.option();
        String script = LaunchRequests.encodeUserData(userData.render(request));
        // The image id (an SSM call, the first time) is looked up while the run's group is made (two calls).
        String given = request.machine().ami();
        Supplier<String> image = !given.isEmpty() ? () -> given : Ahead.start("the image id", "spotrun-image-id",
                () -> amis.imageFor(given, option.instanceType()))::get;
        String group = groups.groupFor(request);
        String imageId = image.get();
        RunInstancesResponse response;
        try {
            response = runInstances(request, imageId, group, script);
        } catch (SdkException e) {
            throw Ec2Errors.launchFailure(option, e);
        }
        software.amazon.awssdk.services.ec2.model.Instance launched = response.instances().get(0);
        fresh.launched(launched.instanceId());
        privateAddress.put(launched.instanceId(), request.machine().usePrivateAddress());
        String zone = launched.placement() == null ? option.zone() : launched.placement().availabilityZone();
        return new Instance(launched.instanceId(), option.instanceType(), option.market(), zone, "");
    }

    /**
     * A run's own group may be gone between two attempts ({@code gc} releases a run none of whose machines lives):
     * then a new one is made and the launch asked once more.
     */
    private RunInstancesResponse runInstances(LaunchRequest request, String image, String group, String script) {
        try {
            return ec2.runInstances(LaunchRequests.runInstances(request, image, group, script));
        } catch (SdkException e) {
            if (!Ec2Errors.isCode(e, "InvalidGroup.NotFound") || !groups.isRunGroup(request, group)) {
                throw e;
            }
            groups.forget(request.runId());
            return ec2.runInstances(LaunchRequests.runInstances(request, image, groups.groupFor(request), script));
        }
    }

    @Override
    public Instance awaitRunning(Instance instance, Duration timeout) {
        waits.untilRunning(instance.id(), timeout);
        software.amazon.awssdk.services.ec2.model.Instance current = describe(instance.id());
        if (current == null) {
            throw new TimedOut(Phase.BOOT, timeout, "EC2 does not show instance " + instance.id() + " yet");
        }
        InstanceStatus status = InstanceViews.status(current);
        if (status.interrupted()) {
            throw new SpotInterrupted(instance.id(), status.reason());
        }
        if (status.state() != InstanceState.RUNNING && status.state() != InstanceState.PENDING) {
            throw new InstanceFailed(instance.id(), "it is " + current.state().nameAsString()
                    + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
        }
        if (status.state() == InstanceState.PENDING) {
            throw new TimedOut(Phase.BOOT, timeout, "instance " + instance.id() + " is still pending");
        }
        return instance.withAddress(address(current)).withZone(current.placement().availabilityZone());
    }

    private String address(software.amazon.awssdk.services.ec2.model.Instance running) {
        boolean usePrivate = privateAddress.getOrDefault(running.instanceId(), false);
        String address = usePrivate ? running.privateIpAddress() : running.publicIpAddress();
        if (address == null || address.isEmpty()) {
            throw new CloudRejected(CloudRejected.Subject.ADDRESS, "NoAddress", "instance " + running.instanceId()
                    + " has no " + (usePrivate ? "private" : "public") + " address", null);
        }
        return address;
    }

    /**
     * EC2 forgets terminated machines after a while: one it does not know is gone, unless this process launched
     * it moments ago and EC2 just does not show it yet; that one is pending. A running spot instance's spot
     * request is read too (one more call), for EC2's interruption notice.
     */
    @Override
    public InstanceStatus status(String instanceId) {
        software.amazon.awssdk.services.ec2.model.Instance current = describe(instanceId);
        if (current != null) {
            InstanceStatus status = InstanceViews.status(current);
            String spotRequest = current.spotInstanceRequestId();
            return spotRequest == null || status.state() != InstanceState.RUNNING ? status
                    : InstanceViews.withNotice(status, spotRequest(spotRequest), Instant.now());
        }
        return InstanceStatus.of(fresh.mayBeInvisible(instanceId) ? InstanceState.PENDING : InstanceState.TERMINATED);
    }

    /** A NotFound for a machine launched moments ago is EC2 not showing it yet: asked again, not believed. */
    @Override
    public void terminate(String instanceId) {
        try {
            fresh.untilVisible(instanceId, "terminating instance " + instanceId, Ec2Compute::notFound,
                    () -> ec2.terminateInstances(r -> r.instanceIds(instanceId)));
        } catch (SdkException e) {
            if (!notFound(e)) {
                throw Ec2Errors.translate("terminating instance " + instanceId, e);
            }
        }
        privateAddress.remove(instanceId);
        fresh.forget(instanceId);
    }

    private static boolean notFound(RuntimeException e) {
        return Ec2Errors.isCode(e, "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed");
    }

    /**
     * A machine of the run that still lives keeps its group, unmarked: the run is not over for it. A machine that
     * is shutting down still holds it: it is marked for {@link #releaseEnded} without asking EC2 to delete it (EC2
     * refuses until the machine is terminated). Otherwise each group is deleted, or marked when EC2 still counts a
     * terminated machine as its user.
     */
    @Override
    public boolean releaseRun(String runId) {
        List<InstanceSummary> notTerminated = find("listing the instances of run " + runId, runFilter(runId),
                LIVE_STATES, "shutting-down");
        if (notTerminated.stream().anyMatch(i -> !i.state().isGone())) {
            return false;
        }
        return groups.release(runId, !notTerminated.isEmpty());
    }

    @Override
    public List<String> releaseEnded() {
        return groups.releaseEnded();
    }

    /** Machines that are going away (shutting-down) are left out: nothing needs to end them any more. */
    @Override
    public List<InstanceSummary> instancesOfRun(String runId) {
        return find("listing the instances of run " + runId, runFilter(runId), LIVE_STATES);
    }

    /**
     * One listing of spotrun's live machines answers both: which expired, and which runs have none alive; the
     * groups then say which runs are over (expired, or without a live machine for longer than their window).
     */
    @Override
    public Leftovers leftovers(Instant now) {
        List<InstanceSummary> live = find("listing spotrun's live instances",
                RunSecurityGroups.filter("tag-key", LaunchRequest.TAG_RUN_ID), LIVE_STATES);
        List<InstanceSummary> expired = live.stream().filter(i -> i.expiredAt(now)).toList();
        Set<String> runs = new LinkedHashSet<>();
        expired.forEach(instance -> runs.add(instance.runId()));
        Set<String> alive = new java.util.HashSet<>();
        live.forEach(instance -> alive.add(instance.runId()));
        groups.all().stream().filter(group -> group.staleAt(now, alive.contains(group.runId())))
                .forEach(group -> runs.add(group.runId()));
        runs.remove("");
        return new Leftovers(expired, List.copyOf(runs));
    }

    private static Filter runFilter(String runId) {
        return RunSecurityGroups.filter("tag:" + LaunchRequest.TAG_RUN_ID, runId);
    }

    private List<InstanceSummary> find(String what, Filter filter, String[] states, String... moreStates) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(states), java.util.Arrays.stream(moreStates))
                .toArray(String[]::new);
        Filter wanted = RunSecurityGroups.filter("instance-state-name", all);
        return call(what, () -> ec2.describeInstancesPaginator(r -> r.filters(filter, wanted)).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(InstanceViews::summary).toList());
    }

    /** The machine as EC2 shows it, or null when EC2 does not know the id (now). */
    private software.amazon.awssdk.services.ec2.model.Instance describe(String instanceId) {
        try {
            return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).findFirst().orElse(null);
        } catch (SdkException e) {
            if (notFound(e)) {
                return null;
            }
            throw Ec2Errors.translate("describing instance " + instanceId, e);
        }
    }

    /**
     * The spot request of a running instance, or null when EC2 does not answer it now: the instance's own state
     * is what was asked, and a notice missed once is seen at the next look.
     */
    private SpotInstanceRequest spotRequest(String requestId) {
        try {
            return ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(requestId))
                    .spotInstanceRequests().stream().findFirst().orElse(null);
        } catch (SdkException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw Ec2Errors.translate("describing spot request " + requestId, e);
            }
            return null;
        }
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Errors.translate(what, e);
        }
    }
}
