package dev.spotrun.localcloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ListIterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The faults the local cloud injects, set from Java, from {@link FaultSpec fault specs} (the language of
 * {@code spotrun local-cloud --fault} and of {@code POST /_spotrun/faults}), or both. Thread-safe. Every fault is
 * bounded: a counted one is used up by the requests it hits, a standing one (a delay, throttling of every Nth
 * request, the capacity, boot and consistency rules) stays until {@link #clear()}.
 *
 * <p>Where a fault names an action it takes an EC2, SSM or ECR action ({@code RunInstances},
 * {@code GetParameter}, ...), a service ({@link #EC2 ec2}, {@code ssm}, {@code ecr}) for each of its actions, or
 * {@link #ANY *} for every action. A request meets the faults in this order: its delay; then one fault that
 * answers instead of handling it (every-Nth throttling, then the counted throttle, fail and
 * dependency-violation faults in the order they were added); then, once it was handled, one fault that spoils
 * its answer (drop, error-after, late-answer, in the order they were added).
 */
public final class CloudFaults {

    /** Matches any instance type, zone or market in a capacity rule, and any action in a fault. */
    public static final String ANY = "*";
    /** In a fault's action: every EC2 action. */
    public static final String EC2 = "ec2";

    private record CapacityRule(String instanceType, String zone, String market, String code) {
        boolean matches(String type, String az, String mkt) {
            return (instanceType.equals(ANY) || instanceType.equals(type)) && (zone.equals(ANY) || zone.equals(az))
                    && (market.equals(ANY) || market.equals(mkt));
        }

        String spec() {
            if (code.equals(INSUFFICIENT) && zone.equals(ANY)) {
                return "no-capacity:" + instanceType + (market.equals(ANY) ? "" : ":" + market);
            }
            return "capacity-error:" + code + ":" + instanceType + ":" + market + ":" + zone;
        }
    }

    private static final String INSUFFICIENT = "InsufficientInstanceCapacity";

    private final List<CapacityRule> capacity = new ArrayList<>();
    private final Map<String, Duration> delays = new LinkedHashMap<>();
    private final List<CountedFault> counted = new ArrayList<>();
    private int throttleEvery;
    private long ec2Requests;
    private Duration notFoundAfterLaunch;
    private final MachinePace pace = new MachinePace();

    /** RunInstances of this type fails with InsufficientInstanceCapacity, in every zone and market. */
    public CloudFaults noCapacity(String instanceType) {
        return capacityError(instanceType, ANY, ANY, INSUFFICIENT);
    }

    /** RunInstances of this type on the spot market fails with InsufficientInstanceCapacity; on-demand works. */
    public CloudFaults noSpotCapacity(String instanceType) {
        return capacityError(instanceType, ANY, "spot", INSUFFICIENT);
    }

    /**
     * RunInstances matching the rule fails with {@code code}.
     *
     * @param instanceType an instance type, or {@link #ANY}
     * @param zone         an availability zone, or {@link #ANY}
     * @param market       {@code spot}, {@code on-demand}, or {@link #ANY}
     * @param code         the EC2 error code, e.g. {@code SpotMaxPriceTooLow} or {@code Unsupported}
     */
    public synchronized CloudFaults capacityError(String instanceType, String zone, String market, String code) {
        capacity.add(new CapacityRule(Objects.requireNonNull(instanceType, "instanceType"),
                Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(market, "market"),
                Objects.requireNonNull(code, "code")));
        return this;
    }

    /** The next {@code times} requests of {@code action} fail with this status and error code, unhandled. */
    public CloudFaults failNext(String action, int times, int status, String code) {
        return add(new CountedFault(CountedFault.Kind.FAIL, action, times, status, Objects.requireNonNull(code, "code"), null));
    }

    /**
     * The next {@code times} requests of {@code action} ({@link #EC2} for any EC2 action) answer throttling, as
     * the service does: EC2 {@code RequestLimitExceeded} with status 503, SSM and ECR
     * {@code ThrottlingException} with 400.
     */
    public CloudFaults throttleNext(String action, int times) {
        return add(new CountedFault(CountedFault.Kind.THROTTLE, action, times, 0, "", null));
    }

    /** Every {@code n}th EC2 request from now on answers {@code RequestLimitExceeded}, until cleared. */
    public synchronized CloudFaults throttleEvery(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("throttling every " + n + "th request: n must be at least 1");
        }
        throttleEvery = n;
        ec2Requests = 0;
        return this;
    }

    /** The next {@code times} DeleteSecurityGroup requests answer {@code DependencyViolation}; the group stays. */
    public CloudFaults dependencyViolation(int times) {
        return add(new CountedFault(CountedFault.Kind.DEPENDENCY_VIOLATION, "DeleteSecurityGroup", times, 400, "DependencyViolation",
                null));
    }

    /** Every request of {@code action} waits this long before it is handled, until cleared. */
    public synchronized CloudFaults delay(String action, Duration delay) {
        delays.put(Objects.requireNonNull(action, "action"), positive(delay));
        return this;
    }

    /** The next {@code times} requests of {@code action} are handled, then the connection is closed unanswered. */
    public CloudFaults dropAnswers(String action, int times) {
        return add(new CountedFault(CountedFault.Kind.DROP_ANSWER, action, times, 0, "", null));
    }

    /** The next {@code times} requests of {@code action} are handled, then answered 500 InternalError. */
    public CloudFaults errorAfter(String action, int times) {
        return add(new CountedFault(CountedFault.Kind.ERROR_AFTER, action, times, 500, "InternalError", null));
    }

    /** The next {@code times} requests of {@code action} are handled, then answered {@code late} later. */
    public CloudFaults lateAnswers(String action, int times, Duration late) {
        return add(new CountedFault(CountedFault.Kind.LATE_ANSWER, action, times, 0, "", positive(late)));
    }

    /**
     * EC2's eventual consistency: for this long after RunInstances answered, the new instances are unknown to
     * DescribeInstances by id, TerminateInstances and CreateTags ({@code InvalidInstanceID.NotFound}, and nothing
     * is terminated) and missing from every describe by filter. Applies to launches from now on, until cleared.
     */
    public synchronized CloudFaults notFoundAfterLaunch(Duration window) {
        notFoundAfterLaunch = positive(window);
        return this;
    }

    /** Instances stay pending this much longer than their machine needs to boot. */
    public synchronized CloudFaults slowBoot(Duration delay) {
        pace.slowBoot(delay);
        return this;
    }

    /**
     * Instances that end from now on stay shutting down this much longer than their machine takes to go, holding
     * their security groups meanwhile, as EC2 takes up to minutes to terminate one.
     */
    public synchronized CloudFaults slowTerminate(Duration delay) {
        pace.slowTerminate(delay);
        return this;
    }

    /** Every spot instance launched from now on is interrupted this long after it runs. */
    public synchronized CloudFaults interruptSpotAfter(Duration delay) {
        pace.interruptSpotAfter(delay);
        return this;
    }

    /**
     * Every spot instance launched from now on gets EC2's interruption notice {@code after} it runs, and is
     * taken back {@code lead} after the notice (EC2 gives two minutes).
     */
    public synchronized CloudFaults noticeSpotAfter(Duration after, Duration lead) {
        pace.noticeSpotAfter(after, lead);
        return this;
    }

    /**
     * Adds the faults of these specs (see {@link FaultSpec}), all or none: a spec that does not parse throws
     * {@link IllegalArgumentException} and nothing is added.
     */
    public CloudFaults apply(Collection<String> specs) {
        List<FaultSpec> parsed = specs.stream().map(FaultSpec::parse).toList();
        synchronized (this) {
            parsed.forEach(spec -> spec.applyTo(this));
        }
        return this;
    }

    /** {@link #apply(Collection)} of these specs. */
    public CloudFaults apply(String... specs) {
        return apply(List.of(specs));
    }

    /** The faults in force, each as a spec with what is left of its count; applying them again restores them. */
    public synchronized List<String> specs() {
        List<String> specs = new ArrayList<>();
        capacity.forEach(rule -> specs.add(rule.spec()));
        delays.forEach((action, delay) -> specs.add("delay:" + action + ":" + Durations.format(delay)));
        if (throttleEvery > 0) {
            specs.add("throttle-every:" + throttleEvery);
        }
        counted.forEach(fault -> specs.add(fault.spec()));
        if (notFoundAfterLaunch != null) {
            specs.add("not-found-after-launch:" + Durations.format(notFoundAfterLaunch));
        }
        specs.addAll(pace.specs());
        return specs;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        capacity.clear();
        delays.clear();
        counted.clear();
        throttleEvery = 0;
        ec2Requests = 0;
        notFoundAfterLaunch = null;
        pace.clear();
    }

    private synchronized CloudFaults add(CountedFault fault) {
        Objects.requireNonNull(fault.action(), "action");
        if (fault.remaining() < 1) {
            throw new IllegalArgumentException(fault.kind() + " for " + fault.remaining() + " requests: the count must be"
                    + " at least 1");
        }
        counted.add(fault);
        return this;
    }

    private static Duration positive(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a fault needs a positive duration, not " + duration);
        }
        return duration;
    }

    private static boolean matches(String selector, String service, String action) {
        return selector.equals(action) || selector.equals(service) || selector.equals(ANY);
    }

    /** The capacity error code for a launch, or null when it has capacity. */
    synchronized String capacityErrorFor(String instanceType, String zone, String market) {
        return capacity.stream().filter(rule -> rule.matches(instanceType, zone, market))
                .map(CapacityRule::code).findFirst().orElse(null);
    }

    /** How long a request of this action waits before it is handled. */
    synchronized Duration delayFor(String service, String action) {
        return delays.entrySet().stream().filter(e -> matches(e.getKey(), service, action)).map(Map.Entry::getValue)
                .findFirst().orElse(Duration.ZERO);
    }

    /** The error to answer instead of handling this request, used up by taking it, or null. */
    synchronized CountedFault.InjectedError takeError(String service, String action) {
        if (service.equals(EC2) && throttleEvery > 0 && ++ec2Requests % throttleEvery == 0) {
            return CountedFault.InjectedError.throttling(service, action, "throttle-every:" + throttleEvery);
        }
        CountedFault fault = take(service, action, true);
        return fault == null ? null : fault.error(service, action);
    }

    /** What to do with the answer of a request that was handled, used up by taking it, or null. */
    synchronized CountedFault.Spoiled takeSpoiler(String service, String action) {
        CountedFault fault = take(service, action, false);
        return fault == null ? null : fault.spoiler();
    }

    /** Uses up one request of the first matching fault; returns it as it was when hit. */
    private CountedFault take(String service, String action, boolean before) {
        for (ListIterator<CountedFault> it = counted.listIterator(); it.hasNext(); ) {
            CountedFault fault = it.next();
            if (fault.before() == before && matches(fault.action(), service, action)) {
                if (fault.remaining() > 1) {
                    it.set(fault.less());
                } else {
                    it.remove();
                }
                return fault;
            }
        }
        return null;
    }

    synchronized Duration notFoundAfterLaunch() {
        return notFoundAfterLaunch;
    }

    synchronized Duration bootDelay() {
        return pace.bootDelay();
    }

    /** How much longer than their machine takes to go instances that end now stay shutting down. */
    synchronized Duration terminateDelay() {
        return pace.terminateDelay();
    }

    /** When spot instances are interrupted after they run, or null for never. */
    synchronized Duration interruptSpotAfter() {
        return pace.interruptSpotAfter();
    }

    /** When spot instances get notice after they run, or null for never. */
    synchronized MachinePace.SpotNotice noticeSpotAfter() {
        return pace.noticeSpotAfter();
    }
}
