package dev.spotrun.localcloud;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One fault of the local cloud written as text, {@code KIND[:ARG...]}: the single language of
 * {@code spotrun local-cloud --fault SPEC}, of {@code POST /_spotrun/faults} (one spec per line) and of
 * {@link CloudFaults#apply(String...)}. {@link #SYNTAX} lists every kind.
 */
public final class FaultSpec {

    /** Every kind of fault and its arguments, as {@code spotrun local-cloud --help} and the README show them. */
    public static final String SYNTAX = ""
            + "ACTION: an EC2, SSM or ECR action (RunInstances, DescribeInstances,\n"
            + "  TerminateInstances, DescribeSpotInstanceRequests, CreateTags,\n"
            + "  CreateSecurityGroup, DeleteSecurityGroup,\n"
            + "  AuthorizeSecurityGroupIngress, DescribeSecurityGroups, DescribeSubnets,\n"
            + "  GetParameter, GetAuthorizationToken), ec2, ssm or ecr for every action of\n"
            + "  that service, or * for every action. N: a count, 1 when left out.\n"
            + "  D: a duration (500ms, 2s, 1m30s, 1h). MARKET: spot or on-demand.\n"
            + "Before the request is handled:\n"
            + "  delay:ACTION:D                  every request waits D, then is handled\n"
            + "  fail:ACTION:CODE[:N[:STATUS]]   the next N answer CODE, STATUS (400)\n"
            + "  throttle:ACTION[:N]             the next N answer RequestLimitExceeded\n"
            + "                                  (EC2, 503) or ThrottlingException (400)\n"
            + "  throttle-every:N                every Nth EC2 request is throttled so\n"
            + "  dependency-violation[:N]        the next N DeleteSecurityGroup answer\n"
            + "                                  DependencyViolation; the group stays\n"
            + "After the request took effect:\n"
            + "  drop-answer:ACTION[:N]          the next N get no answer: the connection\n"
            + "                                  is closed\n"
            + "  error-after:ACTION[:N]          the next N are answered 500 InternalError\n"
            + "  late-answer:ACTION:D[:N]        the next N are answered D late\n"
            + "The cloud itself:\n"
            + "  not-found-after-launch:D        for D after RunInstances answered, a new\n"
            + "                                  instance is InvalidInstanceID.NotFound to\n"
            + "                                  DescribeInstances by id, TerminateInstances\n"
            + "                                  and CreateTags, and left out by filters\n"
            + "  no-capacity:TYPE[:MARKET]       RunInstances of TYPE (* for any) answers\n"
            + "                                  InsufficientInstanceCapacity (500)\n"
            + "  capacity-error:CODE:TYPE[:MARKET[:ZONE]]\n"
            + "                                  the same with another code, e.g.\n"
            + "                                  SpotMaxPriceTooLow or Unsupported\n"
            + "  slow-boot:D                     instances stay pending D longer\n"
            + "  slow-terminate:D                instances that end stay shutting-down D\n"
            + "                                  longer, holding their security groups\n"
            + "  interrupt-spot-after:D          spot instances end D after they run\n"
            + "  notice-spot-after:D[:LEAD]      spot instances get EC2's interruption\n"
            + "                                  notice D after they run (their spot\n"
            + "                                  request: marked-for-termination) and\n"
            + "                                  end LEAD later (2m, as on EC2)\n"
            + "delay, throttle-every and the cloud's own faults stay until cleared.\n";

    /** The actions the local cloud answers, as faults name them. */
    public static final List<String> ACTIONS = List.of("RunInstances", "DescribeInstances", "TerminateInstances",
            "DescribeSpotInstanceRequests", "CreateTags", "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "DeleteSecurityGroup",
            "DescribeSecurityGroups", "DescribeSubnets", "GetParameter", "GetAuthorizationToken");
    private static final Set<String> SERVICES = Set.of(CloudFaults.EC2, "ssm", "ecr", CloudFaults.ANY);
    private static final Set<String> MARKETS = Set.of("spot", "on-demand", CloudFaults.ANY);

    private interface Parser {
        Consumer<CloudFaults> parse(Args args);
    }

    private static final Map<String, Parser> KINDS = Map.ofEntries(
            Map.entry("delay", a -> f -> f.delay(a.action(1), a.duration(2))),
            Map.entry("fail", a -> f -> f.failNext(a.action(1), a.count(3), a.status(4), a.code(2))),
            Map.entry("throttle", a -> f -> f.throttleNext(a.action(1), a.count(2))),
            Map.entry("throttle-every", a -> f -> f.throttleEvery(a.number(1))),
            Map.entry("dependency-violation", a -> f -> f.dependencyViolation(a.count(1))),
            Map.entry("drop-answer", a -> f -> f.dropAnswers(a.action(1), a.count(2))),
            Map.entry("error-after", a -> f -> f.errorAfter(a.action(1), a.count(2))),
            Map.entry("late-answer", a -> f -> f.lateAnswers(a.action(1), a.count(3), a.duration(2))),
            Map.entry("not-found-after-launch", a -> f -> f.notFoundAfterLaunch(a.duration(1))),
            Map.entry("no-capacity", a -> f -> f.capacityError(a.text(1, "TYPE"), CloudFaults.ANY, a.market(2),
                    "InsufficientInstanceCapacity")),
            Map.entry("capacity-error", a -> f -> f.capacityError(a.text(2, "TYPE"), a.optional(4, CloudFaults.ANY),
                    a.market(3), a.code(1))),
            Map.entry("slow-boot", a -> f -> f.slowBoot(a.duration(1))),
            Map.entry("slow-terminate", a -> f -> f.slowTerminate(a.duration(1))),
            Map.entry("interrupt-spot-after", a -> f -> f.interruptSpotAfter(a.duration(1))),
            Map.entry("notice-spot-after", a -> f -> f.noticeSpotAfter(a.duration(1),
                    a.parts.length > 2 ? a.duration(2) : InstanceMachines.NOTICE_LEAD)));
    private static final Map<String, Integer> MAX_PARTS = Map.ofEntries(Map.entry("delay", 3), Map.entry("fail", 5),
            Map.entry("throttle", 3), Map.entry("throttle-every", 2), Map.entry("dependency-violation", 2),
            Map.entry("drop-answer", 3), Map.entry("error-after", 3), Map.entry("late-answer", 4),
            Map.entry("not-found-after-launch", 2), Map.entry("no-capacity", 3), Map.entry("capacity-error", 5),
            Map.entry("slow-boot", 2), Map.entry("slow-terminate", 2), Map.entry("interrupt-spot-after", 2), Map.entry("notice-spot-after", 3));

    private final String text;
    private final Consumer<CloudFaults> apply;

    private FaultSpec(String text, Consumer<CloudFaults> apply) {
        this.text = text;
        this.apply = apply;
    }

    /**
     * Parses one spec.
     *
     * @throws IllegalArgumentException with a message that names the spec and says what is wrong with it
     */
    public static FaultSpec parse(String text) {
        String spec = Objects.requireNonNull(text, "text").strip();
        String[] parts = spec.split(":", -1);
        Parser parser = KINDS.get(parts[0]);
        if (parser == null) {
            throw new IllegalArgumentException("fault '" + spec + "': unknown kind '" + parts[0] + "'; use one of "
                    + String.join(", ", KINDS.keySet().stream().sorted().toList()));
        }
        if (parts.length > MAX_PARTS.get(parts[0])) {
            throw new IllegalArgumentException("fault '" + spec + "': too many arguments for " + parts[0]);
        }
        Args args = new Args(spec, parts);
        Consumer<CloudFaults> apply = parser.parse(args);
        // Applying to a scratch set checks what the setters check (counts, durations) before anything is added.
        apply.accept(new CloudFaults());
        return new FaultSpec(spec, apply);
    }

    /** The spec as written. */
    public String text() {
        return text;
    }

    void applyTo(CloudFaults faults) {
        apply.accept(faults);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The arguments of one spec, each read with the error that names it. */
    private record Args(String spec, String[] parts) {

        String text(int index, String name) {
            if (index >= parts.length || parts[index].isEmpty()) {
                throw bad("needs " + name + " as argument " + index);
            }
            return parts[index];
        }

        String optional(int index, String fallback) {
            return index >= parts.length || parts[index].isEmpty() ? fallback : parts[index];
        }

        String action(int index) {
            String action = text(index, "ACTION");
            if (!ACTIONS.contains(action) && !SERVICES.contains(action)) {
                throw bad("unknown action '" + action + "'; use one of " + String.join(", ", ACTIONS)
                        + ", or ec2, ssm, ecr or *");
            }
            return action;
        }

        String code(int index) {
            String code = text(index, "CODE");
            if (!code.matches("[A-Za-z][A-Za-z0-9.]*")) {
                throw bad("'" + code + "' is not an error code such as InsufficientInstanceCapacity");
            }
            return code;
        }

        String market(int index) {
            String market = optional(index, CloudFaults.ANY);
            if (!MARKETS.contains(market)) {
                throw bad("unknown market '" + market + "'; use spot or on-demand");
            }
            return market;
        }

        Duration duration(int index) {
            String value = text(index, "D");
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }

        int count(int index) {
            return index >= parts.length ? 1 : number(index);
        }

        int number(int index) {
            String value = text(index, "N");
            if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1) {
                throw bad("'" + value + "' is not a count of at least 1");
            }
            return Integer.parseInt(value);
        }

        int status(int index) {
            if (index >= parts.length) {
                return 400;
            }
            String value = parts[index];
            if (!value.matches("[45]\\d\\d")) {
                throw bad("'" + value + "' is not an HTTP error status (400 to 599)");
            }
            return Integer.parseInt(value);
        }

        private IllegalArgumentException bad(String what) {
            return new IllegalArgumentException("fault '" + spec + "': " + what + " (" + Arrays.asList(parts).get(0)
                    + " takes " + usage(parts[0]) + ")");
        }

        private static String usage(String kind) {
            return SYNTAX.lines().map(String::strip).filter(line -> line.startsWith(kind + ":")
                    || line.startsWith(kind + "[") || line.equals(kind)).map(line -> line.split("\\s{2,}")[0])
                    .findFirst().orElse(kind);
        }
    }
}
