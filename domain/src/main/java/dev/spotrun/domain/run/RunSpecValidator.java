package dev.spotrun.domain.run;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.Timeouts;
import dev.spotrun.domain.failure.InvalidRunSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a whole {@link RunSpec} before anything is provisioned and reports every problem at once, each
 * saying what to change.
 */
public final class RunSpecValidator {

    /** More retries than this is a typo, not a policy. */
    public static final int MAX_RETRIES = 20;
    /** A shorter abandon window than this would power a machine off between two of its checks for a client. */
    public static final Duration MIN_ABANDON_AFTER = Duration.ofSeconds(10);

    private static final Pattern CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern ENV_NAME = Pattern.compile("[^=\\x00]+");

    private RunSpecValidator() {
    }

    /**
     * Validates the spec and returns its parsed image.
     *
     * @throws InvalidRunSpec listing every problem found
     */
    public static ImageRef validate(RunSpec spec) {
        List<String> problems = new ArrayList<>();
        ImageRef image = checkImage(spec.container(), problems);
        checkContainer(spec.container(), problems);
        checkMachine(spec.machine(), problems);
        checkTimes(spec, problems);
        if (spec.retry().retries() < 0 || spec.retry().retries() > MAX_RETRIES) {
            problems.add("retries must be between 0 and " + MAX_RETRIES + ", not " + spec.retry().retries());
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunSpec(problems);
        }
        return image;
    }

    private static ImageRef checkImage(ContainerSpec container, List<String> problems) {
        try {
            return ImageRef.parse(container.image());
        } catch (InvalidRunSpec e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static void checkContainer(ContainerSpec container, List<String> problems) {
        for (String name : container.env().keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add("environment variable name '" + name + "' is empty or holds '='; use KEY=VALUE");
            }
        }
        checkKeys(container.labels(), "label", problems);
        if (container.gpus() < ContainerSpec.ALL_GPUS) {
            problems.add("gpus must be a count or 'all', not " + container.gpus());
        }
        if (container.command().stream().anyMatch(arg -> arg.indexOf('\0') >= 0)) {
            problems.add("the command holds a NUL character");
        }
    }

    private static void checkMachine(MachineSpec machine, List<String> problems) {
        if (machine.instanceTypes().isEmpty()) {
            problems.add("no instance type given; name at least one, e.g. --instance-type t3.small");
        }
        for (String type : machine.instanceTypes()) {
            if (!type.matches("[a-z0-9][a-z0-9-]*\\.[a-z0-9-]+")) {
                problems.add("instance type '" + type + "' is not of the form FAMILY.SIZE, e.g. c6i.large");
            }
        }
        if (machine.market() == null) {
            problems.add("no market given; use spot, on-demand or spot-then-on-demand");
        }
        BigDecimal price = machine.maxSpotPrice();
        if (price != null && price.signum() <= 0) {
            problems.add("the maximum spot price must be positive, not " + price.toPlainString());
        }
        if (!machine.allowCidr().isEmpty() && !CIDR.matcher(machine.allowCidr()).matches()) {
            problems.add("allowed CIDR '" + machine.allowCidr() + "' is not of the form A.B.C.D/N");
        }
        if (!machine.allowCidr().isEmpty() && !machine.securityGroup().isEmpty()) {
            problems.add("an allowed CIDR applies only to the security group spotrun creates; drop it or the security group");
        }
        checkKeys(machine.tags(), "tag", problems);
        machine.tags().keySet().stream().filter(k -> k.startsWith("spotrun:")).forEach(
                k -> problems.add("tag '" + k + "' is reserved; spotrun sets the spotrun: tags itself"));
    }

    private static void checkKeys(Map<String, String> map, String what, List<String> problems) {
        for (String key : map.keySet()) {
            if (key.isBlank()) {
                problems.add("a " + what + " has an empty key; use KEY=VALUE");
            }
        }
    }

    private static void checkTimes(RunSpec spec, List<String> problems) {
        Timeouts t = spec.timeouts();
        positive(t.boot(), "boot timeout", problems);
        positive(t.pull(), "pull timeout", problems);
        positive(t.run(), "run timeout", problems);
        if (t.stopGrace().isNegative()) {
            problems.add("the stop grace period must not be negative");
        }
        positive(spec.ttl(), "time-to-live", problems);
        if (spec.abandonAfter().compareTo(MIN_ABANDON_AFTER) < 0) {
            problems.add("the abandon window must be at least " + Durations.format(MIN_ABANDON_AFTER) + ", not "
                    + Durations.format(spec.abandonAfter()) + ": a machine checks for its client every few seconds");
        }
        Duration needed = t.boot().plus(t.pull()).plus(t.run());
        if (!spec.ttl().isNegative() && !spec.ttl().isZero() && spec.ttl().compareTo(needed) < 0) {
            problems.add("time-to-live " + Durations.format(spec.ttl()) + " is shorter than boot + pull + run timeouts ("
                    + Durations.format(needed) + "); raise --ttl or lower --timeout");
        }
    }

    private static void positive(Duration d, String what, List<String> problems) {
        if (d.isNegative() || d.isZero()) {
            problems.add("the " + what + " must be positive, not " + Durations.format(d));
        }
    }
}
