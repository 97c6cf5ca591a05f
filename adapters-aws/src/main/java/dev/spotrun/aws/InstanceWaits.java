package dev.spotrun.aws;

import dev.spotrun.domain.failure.Cancelled;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import java.util.List;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;

/**
 * Waits on instance states with the SDK's waiter, polling soon and then less often, bounded by time only. A
 * waiter that ends without success is not an answer by itself: the caller describes the instance once more and
 * reads its state, so a timeout, an interruption and a failure are told apart.
 *
 * <p>The waiter has the acceptors of EC2's own {@code InstanceRunning} waiter. It is made here rather than taken
 * from the SDK's {@code Ec2Waiter}, which builds every EC2 waiter's acceptors as it is made: 234 lambdas, each a
 * class spun at run time, on every run's way to its launch.
 */
final class InstanceWaits {

    private static final Duration FIRST_POLL = Duration.ofMillis(200);
    private static final double GROWTH = 1.5;

    private final Ec2Client ec2;
    private final Waiter<DescribeInstancesResponse> running;
    private final Duration poll;

    InstanceWaits(Ec2Client ec2, Duration poll) {
        this.ec2 = ec2;
        this.poll = poll;
        this.running = Waiter.builder(DescribeInstancesResponse.class).acceptors(List.of(
                WaiterAcceptor.successOnResponseAcceptor(r -> !states(r).isEmpty()
                        && states(r).stream().allMatch("running"::equals)),
                WaiterAcceptor.errorOnResponseAcceptor(r -> states(r).contains("shutting-down"),
                        "an instance is shutting down"),
                WaiterAcceptor.errorOnResponseAcceptor(r -> states(r).contains("terminated"),
                        "an instance is terminated"),
                WaiterAcceptor.errorOnResponseAcceptor(r -> states(r).contains("stopping"),
                        "an instance is stopping"),
                WaiterAcceptor.retryOnExceptionAcceptor(e -> e instanceof RuntimeException r
                        && Ec2Errors.isCode(r, "InvalidInstanceID.NotFound")),
                WaiterAcceptor.retryOnResponseAcceptor(r -> true))).build();
    }

    /** The state names of the answer's instances. */
    private static List<String> states(DescribeInstancesResponse response) {
        return response.reservations().stream().flatMap(r -> r.instances().stream())
                .map(i -> i.state() == null ? "" : i.state().nameAsString()).toList();
    }

    /** Returns when the instance runs, has failed, or the timeout has passed; throws only for API errors. */
    void untilRunning(String instanceId, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        await("waiting for instance " + instanceId + " to run",
                () -> running.run(() -> ec2.describeInstances(r -> r.instanceIds(instanceId)), config(timeout)));
    }

    /**
     * The first look comes soon and the waits grow by half up to the poll interval: a machine that runs after a
     * second (a warm pool, the local cloud) is seen within a fraction of that, not up to a whole interval late
     * (doubling waits looked at 0.2, 0.6 and 1.4 s, so a machine up at 0.7 s was seen at 1.4), while one that
     * takes half a minute costs four describes more than at a fixed pace.
     */
    private java.util.function.Consumer<WaiterOverrideConfiguration.Builder> config(Duration timeout) {
        BackoffStrategy looks = looks(poll.compareTo(FIRST_POLL) < 0 ? poll : FIRST_POLL, poll);
        return c -> c.waitTimeout(timeout).maxAttempts(Integer.MAX_VALUE).backoffStrategyV2(looks);
    }

    /** Waits of {@code first}, then each half again as long as the one before, at most {@code most}. */
    static BackoffStrategy looks(Duration first, Duration most) {
        return attempt -> {
            double grown = first.toNanos() * Math.pow(GROWTH, Math.max(0, attempt - 1));
            return grown >= most.toNanos() ? most : Duration.ofNanos((long) grown);
        };
    }

    private static void await(String what, Runnable wait) {
        try {
            wait.run();
        } catch (SdkClientException e) {
            if (Ec2Errors.interrupted(e)) {
                Thread.currentThread().interrupt();
                throw new Cancelled(what + " was cancelled");
            }
            // An API error that matched no acceptor comes wrapped; it is the real answer.
            if (e.getCause() instanceof AwsServiceException service) {
                throw Ec2Errors.translate(what, service);
            }
            if (e.getCause() instanceof SdkException cause) {
                throw Ec2Errors.translate(what, cause);
            }
            // Otherwise the waiter reached a failure state or its time: the caller reads the state.
        } catch (SdkException e) {
            throw Ec2Errors.translate(what, e);
        }
    }
}
