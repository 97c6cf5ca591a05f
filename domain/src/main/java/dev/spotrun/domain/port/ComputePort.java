package dev.spotrun.domain.port;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.Leftovers;
import dev.spotrun.domain.LaunchRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Machines from a cloud. One call launches one machine for one {@link dev.spotrun.domain.LaunchOption};
 * the lifecycle owns the fallback across options, so an adapter only reports what the cloud said.
 *
 * <p>Every method may throw {@link dev.spotrun.domain.failure.CloudRejected} for errors no retry fixes
 * (credentials, permissions, bad ids) and {@link dev.spotrun.domain.failure.CloudUnavailable} when the cloud
 * cannot be reached after the client's own retries. A thread interrupted while waiting gets
 * {@link dev.spotrun.domain.failure.Cancelled} with its interrupt flag set.
 */
public interface ComputePort {

    /**
     * Launches one machine with the request's tags, boot script and expiry, and returns at once.
     *
     * @throws dev.spotrun.domain.failure.CapacityUnavailable when this option has no capacity now
     */
    Instance launch(LaunchRequest request);

    /**
     * Waits until the machine runs and returns it with the address to reach it on.
     *
     * @throws dev.spotrun.domain.failure.SpotInterrupted when the cloud took it back meanwhile
     * @throws dev.spotrun.domain.failure.InstanceFailed  when it stopped or terminated for another reason
     * @throws dev.spotrun.domain.failure.TimedOut        when it does not run within {@code timeout}
     */
    Instance awaitRunning(Instance instance, Duration timeout);

    /** What the cloud says about the machine now; {@link dev.spotrun.domain.InstanceState#TERMINATED} for unknown ids. */
    InstanceStatus status(String instanceId);

    /** Terminates the machine. Idempotent: terminating a terminated or unknown machine succeeds. */
    void terminate(String instanceId);

    /**
     * Releases what the adapter created for a run that is over besides its machines (e.g. a security group).
     * Never waits for the run's machines to finish going away (on EC2 a terminated machine holds its group for up
     * to minutes): what one of them still holds is kept and marked as an ended run's, for {@link #releaseEnded}
     * (called by every later run) or a sweep to release once it is free. What a machine of the run that still
     * lives needs is kept unmarked. Idempotent; a no-op when there is nothing.
     *
     * @return true when nothing of the run is left; false when something was kept for a later release
     */
    boolean releaseRun(String runId);

    /**
     * Releases what runs that are over kept because their machines were still going away (see
     * {@link #releaseRun}), where it is free now; what is still held stays for a later call. Never waits: runs
     * call it while their own machine boots, so that the leftovers of ended runs do not pile up between sweeps.
     *
     * @return the ids of the runs whose leftovers were released
     */
    List<String> releaseEnded();

    /** The machines tagged with this run id that are not terminated. */
    List<InstanceSummary> instancesOfRun(String runId);

    /**
     * What runs that are over still hold, as of {@code now}, found in one look: the spotrun machines, of any run,
     * whose expiry is at or before {@code now} and that are not terminated; and the runs that are over but still
     * hold something in the cloud: a machine that is not terminated, or what the adapter made for the run besides
     * its machines (e.g. a security group) and has not {@linkplain #releaseRun released}. A run is over when its
     * expiry is at or before {@code now}, when a release marked it as ended and none of its machines lives, or when
     * none of its machines lives and what it made is older than the run's abandon window: the leftovers of a
     * spotrun that was killed, whose machine then powered itself off (its dead-man switch) or was terminated. A
     * live run may be listed only in the moments between two of its attempts, when none of its machines lives:
     * releasing it then is harmless, since a launch makes again what the run needs. The runs of the expired
     * machines are among the stale runs.
     */
    Leftovers leftovers(Instant now);
}
