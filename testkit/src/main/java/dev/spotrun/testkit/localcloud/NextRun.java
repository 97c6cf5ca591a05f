package dev.spotrun.testkit.localcloud;

import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.localcloud.LocalInstance;
import java.time.Duration;
import java.util.List;

/**
 * For tests that check what a run left on a {@link LocalCloud}: a run gives its machines back at once, but, as on
 * EC2, a terminated machine holds the run's security group until it is fully terminated, so the run leaves that
 * group marked for the next run to delete. {@link #releaseOnceTerminated} does what the next run does first, once the
 * machines have gone, after which nothing of the run may be left.
 */
public final class NextRun {

    private NextRun() {
    }

    /**
     * Waits, up to {@code limit}, until no instance of the cloud is shutting down, then releases what ended runs
     * left, as the next run does; returns the runs released.
     *
     * @throws AssertionError when an instance is still shutting down after {@code limit}
     */
    public static List<String> releaseOnceTerminated(LocalCloud cloud, ComputePort compute, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (cloud.instances().stream().anyMatch(i -> i.state().equals("shutting-down"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instances still shutting down after " + limit + ": " + cloud.instances()
                        .stream().filter(i -> i.state().equals("shutting-down")).map(LocalInstance::id).toList());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for instances to terminate", e);
            }
        }
        return compute.releaseEnded();
    }
}
