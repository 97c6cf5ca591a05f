package dev.spotrun.domain.run;

import dev.spotrun.domain.Durations;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.Timeouts;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Checks a whole {@link RunSpec} before anything is provisioned and reports every problem at once, as facts
 * ({@link Problem}: field, value, reason) that name no command-line flag. The limits are those of the cloud and
 * the engine the spec meets (EC2's tags, Linux's environment, Docker's names), so that a spec that passes here
 * is not refused half-way, after a machine exists.
 */
public final class RunSpecValidator {

    /** More retries than this is a typo, not a policy. */
    public static final int MAX_RETRIES = 20;
    /**
     * The longest a machine may live, and so the longest any time limit may be: a run is a job, and a bound on its
     * life is a bound on what a forgotten machine costs.
     */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    /** A shorter abandon window than this would power a machine off between two of its checks for a client. */
    public static final Duration MIN_ABANDON_AFTER = Duration.ofSeconds(10);

    private RunSpecValidator() {
    }

    /**
     * Validates the spec and returns its parsed image.
     *
     * @throws InvalidRunSpec listing every problem found
     */
    public static ImageRef validate(RunSpec spec) {
        List<Problem> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new InvalidRunSpec(problems);
        }
        return ImageRef.parse(spec.container().image());
    }

    /** Every problem of the spec, in a stable order; empty when it is valid. */
    public static List<Problem> problems(RunSpec spec) {
        List<Problem> problems = new ArrayList<>();
        ContainerRules.check(spec.container(), problems);
        MachineRules.check(spec.machine(), problems);
        GpuFamilies.check(spec.container(), spec.machine(), problems);
        TagRules.check(spec.machine().tags(), spec.owner(), problems);
        checkTimes(spec, problems);
        FileRules.check(spec, problems);
        if (spec.retry().retries() < 0 || spec.retry().retries() > MAX_RETRIES) {
            problems.add(new Problem(SpecField.RETRIES, Integer.toString(spec.retry().retries()),
                    "retries must be between 0 and " + MAX_RETRIES));
        }
        return List.copyOf(problems);
    }

    /**
     * What is allowed but deserves a word before anything is created, as problems that do not make the spec
     * invalid: e.g. an allowed CIDR so wide that much of the internet may reach the machine's engine port.
     */
    public static List<Problem> warnings(RunSpec spec) {
        return MachineRules.warnings(spec.machine());
    }

    /** Whether {@code text} has the form of an AWS region name in any partition, e.g. {@code eu-west-1}. */
    public static boolean isRegionName(String text) {
        return AwsNames.REGION.matcher(text).matches();
    }

    /** The region a zone given by name lies in ({@code eu-west-1} for {@code eu-west-1a}); empty for a zone id. */
    public static Optional<String> regionOfZone(String zone) {
        Matcher region = AwsNames.REGION.matcher(zone);
        return AwsNames.ZONE.matcher(zone).matches() && region.lookingAt() ? Optional.of(region.group())
                : Optional.empty();
    }

    /**
     * The rule every time limit of a run follows: positive and at most {@link #MAX_LIFETIME}. Adds a problem about
     * {@code field} to {@code problems} and returns false when {@code duration} breaks it.
     */
    public static boolean checkTimeLimit(String field, Duration duration, List<Problem> problems) {
        if (duration.isNegative() || duration.isZero()) {
            problems.add(new Problem(field, text(duration), "must be positive"));
            return false;
        }
        if (duration.compareTo(MAX_LIFETIME) > 0) {
            problems.add(new Problem(field, text(duration), "must be at most 7 days (7d), the longest"
                    + " a machine may live"));
            return false;
        }
        return true;
    }

    /** As people write durations, with days: {@code 8d}, {@code 7d40m}, {@code 6h40m}. */
    static String text(Duration duration) {
        long days = duration.toDays();
        if (days <= 0) {
            return Durations.format(duration);
        }
        Duration rest = duration.minusDays(days);
        return days + "d" + (rest.isZero() ? "" : Durations.format(rest));
    }

    private static void checkTimes(RunSpec spec, List<Problem> problems) {
        Timeouts t = spec.timeouts();
        // Each is checked (& so that every broken one is reported) before any are added up: no sum overflows.
        boolean limitsValid = checkTimeLimit(SpecField.BOOT_TIMEOUT, t.boot(), problems)
                & checkTimeLimit(SpecField.PULL_TIMEOUT, t.pull(), problems)
                & checkTimeLimit(SpecField.RUN_TIMEOUT, t.run(), problems);
        boolean ttlValid = checkTimeLimit(SpecField.TTL, spec.ttl(), problems);
        if (checkTimeLimit(SpecField.ABANDON_AFTER, spec.abandonAfter(), problems)
                && spec.abandonAfter().compareTo(MIN_ABANDON_AFTER) < 0) {
            problems.add(new Problem(SpecField.ABANDON_AFTER, text(spec.abandonAfter()), "must be at least "
                    + text(MIN_ABANDON_AFTER) + ": a machine checks for its client every few seconds"));
        }
        if (t.stopGrace().isNegative() || t.stopGrace().compareTo(MAX_LIFETIME) > 0) {
            problems.add(new Problem(SpecField.STOP_GRACE, text(t.stopGrace()),
                    "must be between 0s and 7 days (7d)"));
        }
        if (!limitsValid) {
            return;
        }
        Duration needed = t.boot().plus(t.pull()).plus(t.run());
        if (needed.compareTo(MAX_LIFETIME) > 0) {
            problems.add(new Problem(SpecField.RUN_TIMEOUT, text(t.run()), "with the boot and pull"
                    + " timeouts it adds up to " + text(needed) + ", more than the 7 days a machine may"
                    + " live; lower them", List.of(SpecField.BOOT_TIMEOUT, SpecField.PULL_TIMEOUT)));
        } else if (ttlValid && spec.ttl().compareTo(needed) < 0) {
            problems.add(new Problem(SpecField.TTL, text(spec.ttl()), "is shorter than the boot, pull and"
                    + " run timeouts added up (" + text(needed) + "); raise it or lower them",
                    List.of(SpecField.BOOT_TIMEOUT, SpecField.PULL_TIMEOUT, SpecField.RUN_TIMEOUT)));
        }
    }
}
