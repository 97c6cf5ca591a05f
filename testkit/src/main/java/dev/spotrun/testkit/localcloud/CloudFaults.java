package dev.spotrun.testkit.localcloud;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults the local cloud injects, set by tests while it runs. Thread-safe; every fault stays until it is
 * used up or {@link #clear() cleared}.
 */
public final class CloudFaults {

    /** Matches any instance type, zone or market in a capacity rule. */
    public static final String ANY = "*";

    private record CapacityRule(String instanceType, String zone, String market, String code) {
        boolean matches(String type, String az, String mkt) {
            return (instanceType.equals(ANY) || instanceType.equals(type)) && (zone.equals(ANY) || zone.equals(az))
                    && (market.equals(ANY) || market.equals(mkt));
        }
    }

    /** An error to answer instead of handling a request. */
    record InjectedError(int status, String code, String message) {
    }

    private final CopyOnWriteArrayList<CapacityRule> capacity = new CopyOnWriteArrayList<>();
    private final Map<String, ArrayDeque<InjectedError>> errors = new HashMap<>();
    private volatile Duration bootDelay = Duration.ZERO;
    private volatile Duration interruptSpotAfter;

    /** RunInstances of this type fails with InsufficientInstanceCapacity, in every zone and market. */
    public CloudFaults noCapacity(String instanceType) {
        return capacityError(instanceType, ANY, ANY, "InsufficientInstanceCapacity");
    }

    /** RunInstances of this type on the spot market fails with InsufficientInstanceCapacity; on-demand works. */
    public CloudFaults noSpotCapacity(String instanceType) {
        return capacityError(instanceType, ANY, "spot", "InsufficientInstanceCapacity");
    }

    /**
     * RunInstances matching the rule fails with {@code code}.
     *
     * @param instanceType an instance type, or {@link #ANY}
     * @param zone         an availability zone, or {@link #ANY}
     * @param market       {@code spot}, {@code on-demand}, or {@link #ANY}
     * @param code         the EC2 error code, e.g. {@code SpotMaxPriceTooLow} or {@code Unsupported}
     */
    public CloudFaults capacityError(String instanceType, String zone, String market, String code) {
        capacity.add(new CapacityRule(instanceType, zone, market, code));
        return this;
    }

    /** The next {@code times} requests of {@code action} fail with this status and EC2 error code. */
    public CloudFaults failNext(String action, int times, int status, String code) {
        Objects.requireNonNull(code, "code");
        synchronized (errors) {
            ArrayDeque<InjectedError> queue = errors.computeIfAbsent(action, a -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(new InjectedError(status, code, "injected fault: " + code));
            }
        }
        return this;
    }

    /** Instances stay pending this much longer than their machine needs to boot. */
    public CloudFaults slowBoot(Duration delay) {
        bootDelay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** Every spot instance launched from now on is interrupted this long after it runs. */
    public CloudFaults interruptSpotAfter(Duration delay) {
        interruptSpotAfter = delay;
        return this;
    }

    /** Removes every fault. */
    public void clear() {
        capacity.clear();
        synchronized (errors) {
            errors.clear();
        }
        bootDelay = Duration.ZERO;
        interruptSpotAfter = null;
    }

    /** The capacity error code for a launch, or null when it has capacity. */
    String capacityErrorFor(String instanceType, String zone, String market) {
        return capacity.stream().filter(rule -> rule.matches(instanceType, zone, market))
                .map(CapacityRule::code).findFirst().orElse(null);
    }

    /** The injected error for this request, used up by taking it, or null. */
    InjectedError takeError(String action) {
        synchronized (errors) {
            ArrayDeque<InjectedError> queue = errors.get(action);
            return queue == null ? null : queue.poll();
        }
    }

    Duration bootDelay() {
        return bootDelay;
    }

    /** When spot instances are interrupted after they run, or null for never. */
    Duration interruptSpotAfter() {
        return interruptSpotAfter;
    }
}
