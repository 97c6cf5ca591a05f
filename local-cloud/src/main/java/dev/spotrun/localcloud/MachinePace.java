package dev.spotrun.localcloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The faults of the machines' own pace, part of {@link CloudFaults}: how much longer than their machine they stay
 * pending, how long a terminated one stays shutting down, and when spot ones are interrupted or get notice. Each
 * stays until cleared and applies to what is launched (or, for terminations, ended) from then on. Guarded by the
 * {@link CloudFaults} that holds it.
 */
final class MachinePace {

    /** Spot instances get an interruption notice {@code after} they run and are taken back {@code lead} later. */
    record SpotNotice(Duration after, Duration lead) {
    }

    private Duration bootDelay = Duration.ZERO;
    private Duration terminateDelay = Duration.ZERO;
    private Duration interruptSpotAfter;
    private SpotNotice noticeSpotAfter;

    void slowBoot(Duration delay) {
        bootDelay = Objects.requireNonNull(delay, "delay");
    }

    void slowTerminate(Duration delay) {
        terminateDelay = Objects.requireNonNull(delay, "delay");
    }

    void interruptSpotAfter(Duration delay) {
        interruptSpotAfter = delay;
    }

    void noticeSpotAfter(Duration after, Duration lead) {
        noticeSpotAfter = new SpotNotice(Objects.requireNonNull(after, "after"), Objects.requireNonNull(lead, "lead"));
    }

    Duration bootDelay() {
        return bootDelay;
    }

    Duration terminateDelay() {
        return terminateDelay;
    }

    Duration interruptSpotAfter() {
        return interruptSpotAfter;
    }

    SpotNotice noticeSpotAfter() {
        return noticeSpotAfter;
    }

    /** The faults in force, as specs. */
    List<String> specs() {
        List<String> specs = new ArrayList<>();
        if (!bootDelay.isZero()) {
            specs.add("slow-boot:" + Durations.format(bootDelay));
        }
        if (!terminateDelay.isZero()) {
            specs.add("slow-terminate:" + Durations.format(terminateDelay));
        }
        if (interruptSpotAfter != null) {
            specs.add("interrupt-spot-after:" + Durations.format(interruptSpotAfter));
        }
        if (noticeSpotAfter != null) {
            specs.add("notice-spot-after:" + Durations.format(noticeSpotAfter.after()) + ":"
                    + Durations.format(noticeSpotAfter.lead()));
        }
        return specs;
    }

    void clear() {
        bootDelay = Duration.ZERO;
        terminateDelay = Duration.ZERO;
        interruptSpotAfter = null;
        noticeSpotAfter = null;
    }
}
