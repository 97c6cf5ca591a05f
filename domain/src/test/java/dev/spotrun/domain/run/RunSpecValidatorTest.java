package dev.spotrun.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The facts a refused spec carries: which field, which value, and why, in words that name no flag. */
class RunSpecValidatorTest {

    private static final RunSpec VALID = RunSpec.of(ContainerSpec.of("registry.test/jobs/busybox:1.36", "true"),
            MachineSpec.spot("t3.small")).withOwner("ci");

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                row("aws: tag", SpecField.TAGS, "aws:x=1", "reserved by AWS",
                        s -> machine(s, s.machine().withTags(Map.of("aws:x", "1")))),
                row("AWS: tag in capitals", SpecField.TAGS, "AWS:x=1", "reserved by AWS",
                        s -> machine(s, s.machine().withTags(Map.of("AWS:x", "1")))),
                row("spotrun: tag", SpecField.TAGS, "spotrun:owner=me", "reserved for spotrun's own",
                        s -> machine(s, s.machine().withTags(Map.of("spotrun:owner", "me")))),
                row("46 tags", SpecField.TAGS, "", "give at most 45",
                        s -> machine(s, s.machine().withTags(tags(46)))),
                row("tag key of 129", SpecField.TAGS, "", "at most 128",
                        s -> machine(s, s.machine().withTags(Map.of("k".repeat(129), "v")))),
                row("tag value of 257", SpecField.TAGS, "", "at most 256",
                        s -> machine(s, s.machine().withTags(Map.of("k", "v".repeat(257))))),
                row("owner of 257", SpecField.OWNER, "", "at most 256", s -> s.withOwner("o".repeat(257))),
                row("ttl of 8 days", SpecField.TTL, "8d", "at most 7 days", s -> s.withTtl(Duration.ofDays(8))),
                row("ttl that overflows any sum", SpecField.TTL, "", "at most 7 days",
                        s -> s.withTtl(Duration.ofSeconds(Long.MAX_VALUE))),
                row("run timeout that overflows", SpecField.RUN_TIMEOUT, "", "at most 7 days",
                        s -> s.withTimeouts(s.timeouts().withRun(Duration.ofSeconds(Long.MAX_VALUE)))),
                row("timeouts adding up past 7 days", SpecField.RUN_TIMEOUT, "7d", "adds up to 7d40m",
                        s -> s.withTimeouts(s.timeouts().withRun(Duration.ofDays(7))).withTtl(Duration.ofDays(7))),
                row("ttl shorter than the timeouts", SpecField.TTL, "1h", "shorter than the boot, pull and run",
                        s -> s.withTtl(Duration.ofHours(1))),
                row("abandon window of 9s", SpecField.ABANDON_AFTER, "9s", "at least 10s",
                        s -> s.withAbandonAfter(Duration.ofSeconds(9))),
                row("abandon window of 8 days", SpecField.ABANDON_AFTER, "8d", "at most 7 days",
                        s -> s.withAbandonAfter(Duration.ofDays(8))),
                row("zero boot timeout", SpecField.BOOT_TIMEOUT, "0s", "must be positive",
                        s -> s.withTimeouts(s.timeouts().withBoot(Duration.ZERO))),
                row("negative stop grace", SpecField.STOP_GRACE, "-1s", "between 0s and 7 days",
                        s -> s.withTimeouts(s.timeouts().withStopGrace(Duration.ofSeconds(-1)))),
                row("relative workdir", SpecField.WORKDIR, "src", "absolute path",
                        s -> container(s, s.container().withWorkdir("src"))),
                row("malformed user", SpecField.USER, "root:", "NAME|UID[:GROUP|GID]",
                        s -> container(s, s.container().withUser("root:"))),
                row("name Docker refuses", SpecField.NAME, "-job", "letter or digit",
                        s -> container(s, s.container().withName("-job"))),
                row("one-character name", SpecField.NAME, "j", "at least one",
                        s -> container(s, s.container().withName("j"))),
                row("env name with '='", SpecField.ENV, "A=B", "nor hold '='",
                        s -> container(s, s.container().withEnv(Map.of("A=B", "c")))),
                row("env value with NUL", SpecField.ENV, "TOKEN", "NUL",
                        s -> container(s, s.container().withEnv(Map.of("TOKEN", "a\0b")))),
                row("env entry over 128 KiB", SpecField.ENV, "BIG", "131071",
                        s -> container(s, s.container().withEnv(Map.of("BIG", "x".repeat(128 * 1024))))),
                row("env over 1 MiB together", SpecField.ENV, "", "1 MiB",
                        s -> container(s, s.container().withEnv(env(9, 120 * 1024)))),
                row("command with NUL", SpecField.COMMAND, "", "NUL",
                        s -> container(s, ContainerSpec.of(s.container().image(), "a\0"))),
                row("image name over 255", SpecField.IMAGE, "", "at most 255",
                        s -> container(s, ContainerSpec.of("a".repeat(256)))),
                row("empty image", SpecField.IMAGE, "", "no image given", s -> container(s, ContainerSpec.of(""))),
                row("market cannot be unknown", SpecField.MARKET, "", "no market given",
                        s -> machine(s, s.machine().withMarket(null))),
                row("empty instance type", SpecField.INSTANCE_TYPES, "", "an instance type is empty",
                        s -> machine(s, MachineSpec.spot(""))),
                row("no instance type", SpecField.INSTANCE_TYPES, "", "no instance type given",
                        s -> machine(s, MachineSpec.spot())),
                row("malformed instance type", SpecField.INSTANCE_TYPES, "large", "FAMILY.SIZE",
                        s -> machine(s, MachineSpec.spot("large"))),
                row("zero price", SpecField.MAX_SPOT_PRICE, "0", "must be positive",
                        s -> machine(s, s.machine().withMaxSpotPrice(BigDecimal.ZERO))),
                row("price on demand", SpecField.MAX_SPOT_PRICE, "0.05", "only to spot machines",
                        s -> machine(s, s.machine().withMaxSpotPrice(new BigDecimal("0.05"))
                                .withMarket(Market.ON_DEMAND))),
                row("host bits set", SpecField.ALLOW_CIDR, "10.1.2.3/8", "did you mean 10.0.0.0/8?",
                        s -> machine(s, cidr(s, "10.1.2.3/8"))),
                row("IPv6 host bits set", SpecField.ALLOW_CIDR, "2001:db8::1/64", "did you mean 2001:db8::/64?",
                        s -> machine(s, cidr(s, "2001:db8::1/64"))),
                row("not a CIDR", SpecField.ALLOW_CIDR, "10.0.0.0", "A.B.C.D/N", s -> machine(s, cidr(s, "10.0.0.0"))),
                row("a host name is no CIDR", SpecField.ALLOW_CIDR, "example.com/32", "A.B.C.D/N",
                        s -> machine(s, cidr(s, "example.com/32"))),
                row("prefix too long", SpecField.ALLOW_CIDR, "10.0.0.0/33", "A.B.C.D/N",
                        s -> machine(s, cidr(s, "10.0.0.0/33"))),
                row("malformed zone", SpecField.ZONES, "west-1a", "not a zone name",
                        s -> machine(s, s.machine().withZones(List.of("west-1a")))),
                row("malformed subnet", SpecField.SUBNETS, "subnet-1", "8 or 17 hex digits",
                        s -> machine(s, s.machine().withSubnets(List.of("subnet-1")))),
                row("uppercase subnet", SpecField.SUBNETS, "subnet-0A1B2C3D", "8 or 17 hex digits",
                        s -> machine(s, s.machine().withSubnets(List.of("subnet-0A1B2C3D")))),
                row("GPUs on a type without", SpecField.GPUS, "all", "t3.small has no GPU",
                        s -> container(s, s.container().withGpus(ContainerSpec.ALL_GPUS))),
                row("retries above the limit", SpecField.RETRIES, "21", "between 0 and 20",
                        s -> s.withRetry(new RetryPolicy(21, false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void reportsTheFieldTheValueAndWhy(String what, String field, String value, String reason,
                                       UnaryOperator<RunSpec> change) {
        List<Problem> problems = RunSpecValidator.problems(change.apply(VALID));
        assertThat(problems).as(what).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            if (!value.isEmpty()) {
                assertThat(p.value()).isEqualTo(value);
            }
            assertThat(p.reason()).contains(reason).doesNotContain("--");
        });
    }

    @Test
    void machineProblemsAreFactsAboutTheirFields() {
        MachineSpec machine = new MachineSpec(List.of("t3.small"), Market.SPOT, List.of(), List.of(), null,
                "ami-12", "arn:junk", "sg-xyz", "", false, Map.of());
        assertThat(RunSpecValidator.problems(VALID.withMachine(machine))).extracting(Problem::field, Problem::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SpecField.AMI, "ami-12"),
                        org.assertj.core.groups.Tuple.tuple(SpecField.SECURITY_GROUP, "sg-xyz"),
                        org.assertj.core.groups.Tuple.tuple(SpecField.IAM_INSTANCE_PROFILE, "arn:junk"));
    }

    @Test
    void everyProblemIsReportedAtOnceAndNoValueIsASecret() {
        RunSpec spec = VALID.withContainer(VALID.container().withEnv(Map.of("TOKEN", "hunter2\0")).withWorkdir("x"))
                .withRetry(new RetryPolicy(-1, false)).withTtl(Duration.ofDays(30));
        assertThatThrownBy(() -> RunSpecValidator.validate(spec)).isInstanceOfSatisfying(InvalidRunSpec.class, e -> {
            assertThat(e.problems()).extracting(Problem::field)
                    .containsExactly(SpecField.ENV, SpecField.WORKDIR, SpecField.TTL, SpecField.RETRIES);
            assertThat(e.getMessage()).doesNotContain("hunter2").contains("ttl '30d': must be at most 7 days");
        });
    }

    @Test
    void aValueIsShortenedAndPrintsOnOneLine() {
        Problem problem = new Problem(SpecField.TAGS, "line\none\t" + "x".repeat(200), "too long");
        assertThat(problem.value()).startsWith("line\\none\\t").endsWith("x...").doesNotContain("\n")
                .hasSize(Problem.MAX_VALUE_CHARS + 2);
    }

    @Test
    void aValidSpecAtEveryLimitPasses() {
        Map<String, String> env = env(7, 128 * 1024 - 1 - "V0=".length());
        env.put("SMALL", "y".repeat(1024 * 1024 - 7 * 128 * 1024 - "SMALL=".length() - 1 - 1));
        RunSpec spec = VALID.withContainer(ContainerSpec.of("r.test/" + "a".repeat(248), "true")
                        .withEnv(env).withWorkdir("/src").withUser("1000:docker").withName("/j0_b.1-x"))
                .withMachine(new MachineSpec(List.of("c6i.large"), Market.SPOT_THEN_ON_DEMAND,
                        List.of("subnet-0a1b2c3d", "subnet-0123456789abcdef0"), List.of("eu-west-1a", "use1-az1"),
                        new BigDecimal("0.001"), "ami-0123456789abcdef0",
                        "arn:aws-us-gov:iam::123456789012:instance-profile/ci/spotrun", "", "198.51.0.0/16", false,
                        limitTags()))
                .withTimeouts(VALID.timeouts().withBoot(Duration.ofMinutes(1)).withPull(Duration.ofMinutes(1))
                        .withRun(RunSpecValidator.MAX_LIFETIME.minusMinutes(2)))
                .withTtl(RunSpecValidator.MAX_LIFETIME).withRetry(new RetryPolicy(RunSpecValidator.MAX_RETRIES, true))
                .withOwner("o".repeat(256)).withAbandonAfter(RunSpecValidator.MIN_ABANDON_AFTER);
        assertThat(RunSpecValidator.problems(spec)).isEmpty();
        assertThat(RunSpecValidator.warnings(spec)).isEmpty();
        assertThat(RunSpecValidator.validate(spec).registry()).isEqualTo("r.test");
    }

    @Test
    void aGpuTypeOrAnUnknownFamilyTakesGpus() {
        for (String type : List.of("g5.xlarge", "p4d.24xlarge", "g4ad.xlarge", "inf2.xlarge", "trn1.2xlarge",
                "mac2.metal", "f1.2xlarge")) {
            RunSpec spec = machine(VALID.withContainer(VALID.container().withGpus(1)), MachineSpec.spot(type));
            assertThat(RunSpecValidator.problems(spec)).as(type).isEmpty();
        }
        assertThat(GpuFamilies.hasNoGpu("u-6tb1.metal")).isTrue();
        assertThat(GpuFamilies.hasNoGpu("m7i-flex.large")).isTrue();
        assertThat(GpuFamilies.hasNoGpu("im4gn.large")).isTrue();
    }

    @Test
    void aWideNetworkIsAllowedWithAWarning() {
        for (String wide : List.of("0.0.0.0/0", "10.0.0.0/8", "::/0", "2001:db8::/32")) {
            RunSpec spec = machine(VALID, cidr(VALID, wide));
            assertThat(RunSpecValidator.problems(spec)).as(wide).isEmpty();
            assertThat(RunSpecValidator.warnings(spec)).as(wide).singleElement().satisfies(w -> {
                assertThat(w.field()).isEqualTo(SpecField.ALLOW_CIDR);
                assertThat(w.reason()).contains("wider than /").contains("Docker port");
            });
        }
        for (String narrow : List.of("10.1.0.0/16", "203.0.113.7/32", "2001:db8:1::/48", "2001:db8::1/128")) {
            assertThat(RunSpecValidator.warnings(machine(VALID, cidr(VALID, narrow)))).as(narrow).isEmpty();
        }
    }

    @Test
    void regionNamesOfEveryPartitionAreKnownByTheirForm() {
        assertThat(List.of("us-east-1", "eu-west-1", "ap-southeast-7", "mx-central-1", "cn-northwest-1",
                "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "us-isof-south-1", "eu-isoe-west-1",
                "eusc-de-east-1")).allMatch(RunSpecValidator::isRegionName);
        assertThat(List.of("", "eu-west", "EU-WEST-1", "us-east-1a", "euwest1", "eu_west_1", "mars"))
                .noneMatch(RunSpecValidator::isRegionName);
    }

    @Test
    void aZoneNameSaysItsRegionAndAZoneIdDoesNot() {
        assertThat(RunSpecValidator.regionOfZone("eu-west-1a")).contains("eu-west-1");
        assertThat(RunSpecValidator.regionOfZone("us-gov-west-1b")).contains("us-gov-west-1");
        assertThat(RunSpecValidator.regionOfZone("us-west-2-lax-1a")).contains("us-west-2");
        assertThat(RunSpecValidator.regionOfZone("use1-az1")).isEmpty();
        assertThat(RunSpecValidator.regionOfZone("west-1a")).isEmpty();
    }

    private static Arguments row(String what, String field, String value, String reason, UnaryOperator<RunSpec> c) {
        return Arguments.of(what, field, value, reason, c);
    }

    private static RunSpec machine(RunSpec spec, MachineSpec machine) {
        return spec.withMachine(machine);
    }

    private static RunSpec container(RunSpec spec, ContainerSpec container) {
        return spec.withContainer(container);
    }

    private static MachineSpec cidr(RunSpec spec, String cidr) {
        MachineSpec m = spec.machine();
        return new MachineSpec(m.instanceTypes(), m.market(), m.subnets(), m.zones(), m.maxSpotPrice(), m.ami(),
                m.iamInstanceProfile(), m.securityGroup(), cidr, m.usePrivateAddress(), m.tags());
    }

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("k" + i, "v");
        }
        return tags;
    }

    private static Map<String, String> limitTags() {
        Map<String, String> tags = tags(44);
        tags.put("k".repeat(128), "v".repeat(256));
        return tags;
    }

    private static Map<String, String> env(int count, int valueBytes) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            env.put("V" + i, "x".repeat(valueBytes));
        }
        return env;
    }
}
