package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Step 0: an invalid spec is refused with a clear message before anything is provisioned. */
class ValidationTest {

    private final Lifecycle lifecycle = new Lifecycle();

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid("an empty image", "container.image: no image given",
                        s -> s.withContainer(ContainerSpec.of(""))),
                invalid("an uppercase repository", "must be lowercase",
                        s -> s.withContainer(ContainerSpec.of("Busybox"))),
                invalid("an empty tag", "the tag may hold only",
                        s -> s.withContainer(ContainerSpec.of("busybox:"))),
                invalid("a blank in the reference", "must be lowercase",
                        s -> s.withContainer(ContainerSpec.of("busy box"))),
                invalid("a bad digest", "the digest is not of the form sha256:HEX",
                        s -> s.withContainer(ContainerSpec.of("busybox@md5:00"))),
                invalid("a zero boot timeout", "timeouts.boot '0s': must be positive",
                        s -> s.withTimeouts(s.timeouts().withBoot(Duration.ZERO))),
                invalid("a negative pull timeout", "timeouts.pull '-1s': must be positive",
                        s -> s.withTimeouts(s.timeouts().withPull(Duration.ofSeconds(-1)))),
                invalid("a zero run timeout", "timeouts.run '0s': must be positive",
                        s -> s.withTimeouts(s.timeouts().withRun(Duration.ZERO))),
                invalid("a TTL shorter than the run", "ttl '1h': is shorter than the boot, pull and run timeouts",
                        s -> s.withTtl(Duration.ofHours(1))),
                invalid("negative retries", "retry.retries '-1': retries must be between 0 and",
                        s -> s.withRetry(new RetryPolicy(-1, false))),
                invalid("no instance type", "no instance type given",
                        s -> s.withMachine(MachineSpec.spot())),
                invalid("a malformed instance type", "not of the form FAMILY.SIZE",
                        s -> s.withMachine(MachineSpec.spot("large"))),
                invalid("a negative spot price", "must be positive",
                        s -> s.withMachine(s.machine().withMaxSpotPrice(new BigDecimal("-0.1")))),
                invalid("a reserved tag", "reserved for spotrun's own tags",
                        s -> s.withMachine(s.machine().withTags(Map.of("spotrun:owner", "me")))),
                invalid("an env name with '='", "container.env 'A=B': a variable name may not be empty nor hold '='",
                        s -> s.withContainer(s.container().withEnv(Map.of("A=B", "c")))));
    }

    private static Arguments invalid(String what, String message, UnaryOperator<RunSpec> change) {
        return Arguments.of(what, message, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void isRefusedBeforeAnythingIsProvisioned(String what, String message, UnaryOperator<RunSpec> change) {
        RunSpec spec = change.apply(Lifecycle.spec("echo hello"));
        assertThatThrownBy(() -> lifecycle.run(spec)).isInstanceOf(InvalidRunSpec.class).hasMessageContaining(message);
        assertThat(lifecycle.cloud.compute().launchRequests()).isEmpty();
        assertThat(lifecycle.events.events()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        RunSpec spec = Lifecycle.spec("echo hello").withContainer(ContainerSpec.of(""))
                .withRetry(new RetryPolicy(-2, false));
        assertThatThrownBy(() -> lifecycle.run(spec)).isInstanceOfSatisfying(InvalidRunSpec.class,
                e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void anUnknownMarketIsRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> Market.parse("cheap")).isInstanceOf(InvalidRunSpec.class)
                .hasMessage("machine.market 'cheap': not a market; use spot, on-demand or spot-then-on-demand");
    }

    @Test
    void aValidSpecRuns() {
        assertThat(lifecycle.run(Lifecycle.spec("echo hello")).exitCode()).isZero();
        assertThat(lifecycle.cloud.compute().launchRequests()).hasSize(1);
    }
}
