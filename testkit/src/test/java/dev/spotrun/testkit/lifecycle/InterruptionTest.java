package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Attempt;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.testkit.InMemoryCompute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A spot interruption during boot, connect, pull or run is retried on a new machine. */
class InterruptionTest {

    private final Lifecycle lifecycle = new Lifecycle();
    private final InMemoryCompute compute = lifecycle.cloud.compute();

    @AfterEach
    void everyMachineIsTerminated() {
        assertThat(compute.liveInstances()).isEmpty();
        assertThat(compute.terminateCalls()).containsAll(compute.launchedIds());
    }

    private RunSpec withRetries(int retries, boolean onDemand) {
        return Lifecycle.spec("echo done; exit 5").withRetry(new RetryPolicy(retries, onDemand));
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"BOOT", "CONNECT", "PULL", "RUN"})
    void isRetriedOnANewMachine(Phase phase) {
        compute.interruptAt(phase);
        RunResult result = lifecycle.run(withRetries(2, false));
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.INTERRUPTED, Outcome.EXITED);
        assertThat(result.instances()).extracting(Instance::id).doesNotHaveDuplicates().hasSize(2);
        assertThat(compute.launchRequests()).extracting(r -> r.attempt()).containsExactly(1, 2);
        assertThat(lifecycle.events.events(RunEvent.RetryScheduled.class)).singleElement()
                .extracting(RunEvent.RetryScheduled::nextAttempt).isEqualTo(2);
        // Output streamed before an interruption during the run cannot be taken back: the retry runs the job
        // again, so its output may come twice. Before the run, nothing was printed.
        if (phase == Phase.RUN) {
            assertThat(lifecycle.logs.stdout()).isIn("done\n", "done\ndone\n");
        } else {
            assertThat(lifecycle.logs.stdout()).isEqualTo("done\n");
        }
    }

    @Test
    void theInterruptionIsReportedWithTheCloudsReason() {
        compute.interruptAt(Phase.RUN);
        lifecycle.run(withRetries(1, false));
        assertThat(lifecycle.events.events(RunEvent.InstanceInterrupted.class)).singleElement()
                .extracting(RunEvent.InstanceInterrupted::reason).isEqualTo(InMemoryCompute.SPOT_REASON);
    }

    @Test
    void whenRetriesRunOutTheInterruptionIsTheResult() {
        compute.interruptAt(Phase.RUN).interruptAt(Phase.RUN).interruptAt(Phase.RUN);
        assertThatThrownBy(() -> lifecycle.run(withRetries(2, false))).isInstanceOfSatisfying(SpotInterrupted.class,
                e -> assertThat(e.reason()).isEqualTo("Server.SpotInstanceTermination"));
        assertThat(compute.launchedIds()).hasSize(3);
    }

    @Test
    void withoutRetriesTheFirstInterruptionEndsTheRun() {
        compute.interruptAt(Phase.PULL);
        assertThatThrownBy(() -> lifecycle.run(withRetries(0, false))).isInstanceOf(SpotInterrupted.class);
        assertThat(compute.launchedIds()).hasSize(1);
    }

    @Test
    void retriesMayBuyOnDemand() {
        compute.interruptAt(Phase.RUN);
        RunResult result = lifecycle.run(withRetries(1, true));
        assertThat(result.instances()).extracting(Instance::market).containsExactly(Market.SPOT, Market.ON_DEMAND);
    }
}
