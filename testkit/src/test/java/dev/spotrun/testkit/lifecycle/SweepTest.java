package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.sweep.Sweep;
import dev.spotrun.domain.sweep.SweepReport;
import dev.spotrun.domain.sweep.SweepReport.MachineAction;
import dev.spotrun.domain.sweep.SweepReport.RunAction;
import dev.spotrun.testkit.InMemoryCloud;
import dev.spotrun.testkit.InMemoryCompute;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sweep behind {@code spotrun gc}, on the in-memory cloud and its virtual clock. */
class SweepTest {

    private final InMemoryCloud cloud = new InMemoryCloud();
    private final InMemoryCompute compute = cloud.compute();
    private final Sweep sweep = new Sweep(compute, cloud.clock());

    private Instance launch(String runId, Duration ttl, Duration abandonAfter) {
        Instant now = cloud.clock().instant();
        return compute.launch(new LaunchRequest(runId, 1, new LaunchOption("t3.small", Market.SPOT, "", ""),
                MachineSpec.spot("t3.small"), cloud.engines().newTrust(runId, ttl).bootstrap(), "ci", now.plus(ttl),
                abandonAfter));
    }

    @Test
    void aKilledRunsLeftoversGoOnceItsMachineIsGoneForLongerThanItsAbandonWindow() {
        Instance killed = launch("sr-killed", Duration.ofHours(7), Duration.ofSeconds(15));
        Instance live = launch("sr-live", Duration.ofHours(7), Duration.ofSeconds(15));
        compute.terminate(killed.id()); // its dead-man switch powered it off after spotrun was killed

        assertThat(sweep.sweep(false).runs()).as("within its window: maybe between two attempts").isEmpty();
        cloud.clock().advance(Duration.ofMinutes(1)); // past its window, and its machine is terminated
        SweepReport report = sweep.sweep(false);

        assertThat(report.runs()).extracting(SweepReport.Run::runId, SweepReport.Run::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sr-killed", RunAction.RELEASED));
        assertThat(report.machines()).isEmpty();
        assertThat(compute.liveInstances()).containsExactly(live.id());
        assertThat(report.clean()).isTrue();
        compute.terminate(live.id());
    }

    @Test
    void anExpiredMachineIsTerminatedAndItsRunReleasedButADryRunOnlySaysSo() {
        Instance expired = launch("sr-expired", Duration.ofMinutes(30), Duration.ofMinutes(5));
        cloud.clock().advance(Duration.ofHours(1));

        SweepReport dry = sweep.sweep(true);
        assertThat(dry.machines()).singleElement().extracting(SweepReport.Machine::action)
                .isEqualTo(MachineAction.WOULD_TERMINATE);
        assertThat(dry.runs()).singleElement().extracting(SweepReport.Run::action).isEqualTo(RunAction.WOULD_RELEASE);
        assertThat(compute.liveInstances()).containsExactly(expired.id());

        SweepReport swept = sweep.sweep(false);
        assertThat(swept.count(MachineAction.TERMINATED)).isEqualTo(1);
        assertThat(swept.count(RunAction.KEPT_FOR_LATER)).as("its machine is still going away").isEqualTo(1);
        assertThat(compute.liveInstances()).isEmpty();

        cloud.clock().advance(Duration.ofMinutes(1));
        SweepReport later = sweep.sweep(false);
        assertThat(later.count(RunAction.RELEASED)).as("released once the machine is gone").isEqualTo(1);
        assertThat(later.machines()).isEmpty();
    }

    @Test
    void aMachineThatCannotBeTerminatedKeepsWhatItsRunNeedsAndTheFailureIsReported() {
        launch("sr-stuck", Duration.ofMinutes(30), Duration.ofMinutes(5));
        cloud.clock().advance(Duration.ofHours(1));
        compute.failTerminations(1);

        SweepReport report = sweep.sweep(false);
        assertThat(report.machines()).singleElement().satisfies(m -> {
            assertThat(m.action()).isEqualTo(MachineAction.FAILED);
            assertThat(m.failure()).isNotNull();
        });
        assertThat(report.runs()).singleElement().extracting(SweepReport.Run::action)
                .isEqualTo(RunAction.KEPT_FOR_LATER);
        assertThat(report.clean()).isFalse();
        compute.liveInstances().forEach(compute::terminate);
    }
}
