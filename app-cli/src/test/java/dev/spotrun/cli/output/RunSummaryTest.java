package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.event.RunEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static Instant at(int seconds) {
        return SampleEvents.AT.plusSeconds(seconds);
    }

    private static void run(RunSummary summary, Instance instance, int exitCode) {
        LaunchOption option = new LaunchOption(instance.instanceType(), instance.market(), "", "");
        summary.on(new RunEvent.RunStarted(at(0), "sr-1", "busybox", 3));
        phase(summary, 1, Phase.LAUNCH, 0, 2);
        summary.on(new RunEvent.LaunchRequested(at(0), 1, option));
        summary.on(new RunEvent.LaunchRejected(at(1), 1, option, "no capacity"));
        summary.on(new RunEvent.LaunchRequested(at(1), 1, option));
        summary.on(new RunEvent.InstanceLaunched(at(2), 1, instance, option));
        phase(summary, 1, Phase.BOOT, 2, 22);
        summary.on(new RunEvent.InstanceRunning(at(22), 1, instance, Duration.ofSeconds(20)));
        phase(summary, 1, Phase.CONNECT, 22, 23);
        summary.on(new RunEvent.EngineReady(at(23), 1, "1.41", Duration.ofSeconds(1), 2));
        phase(summary, 1, Phase.PULL, 23, 26);
        summary.on(new RunEvent.ImagePulled(at(26), 1, "busybox", Duration.ofSeconds(3)));
        summary.on(new RunEvent.ContainerStarted(at(27), 1, "c1"));
        summary.on(new RunEvent.ContainerExited(at(3602), 1, exitCode, Duration.ofSeconds(3575), true));
        phase(summary, 1, Phase.RUN, 26, 3602);
        summary.on(new RunEvent.InstanceTerminated(at(3604), 1, instance.id()));
        phase(summary, 1, Phase.TERMINATE, 3602, 3604);
        summary.on(new RunEvent.AttemptFinished(at(3604), 1, Outcome.EXITED, ""));
        summary.on(new RunEvent.RunFinished(at(3604), "sr-1", Outcome.EXITED, exitCode, ""));
    }

    /** A phase as the lifecycle reports it: started, then ended; what happens in it comes between. */
    private static void phase(RunSummary summary, int attempt, Phase phase, int from, int to) {
        summary.on(new RunEvent.PhaseStarted(at(from), attempt, phase));
        summary.on(new RunEvent.PhaseEnded(at(to), attempt, phase, Duration.ofSeconds(to - from), true));
    }

    @Test
    void saysTheMachineAttemptsTimePerPhaseAndAnEstimatedCost() {
        RunSummary summary = new RunSummary(true);
        run(summary, new Instance("i-1", "c6i.large", Market.SPOT, "us-east-1b", "1.2.3.4"), 3);
        assertThat(summary.lines()).containsExactly(
                "spotrun: summary of run sr-1",
                "  result    exit code 3",
                "  machine   i-1 (c6i.large spot in us-east-1b)",
                "  attempts  1 of 3",
                "  time      launch 2s, boot 20s, connect 1s, pull 3s, run 59m36s, terminate 2s (total 1h4s)",
                "  cost      ~$0.0850 (estimate: 1h2s of c6i.large at $0.085/h, the us-east-1 on-demand list"
                        + " price; spot usually costs less)");
    }

    @Test
    void anUnknownTypeOrAFreeCloudHasNoPriceClaimed() {
        RunSummary unknown = new RunSummary(true);
        run(unknown, new Instance("i-1", "x9z.huge", Market.ON_DEMAND, "", ""), 0);
        assertThat(unknown.lines()).last().asString().contains("unknown").contains("x9z.huge");
        RunSummary local = new RunSummary(false);
        run(local, new Instance("i-1", "t3.small", Market.SPOT, "", ""), 0);
        assertThat(local.lines()).noneSatisfy(line -> assertThat(line).contains("cost"));
    }

    @Test
    void aFailedRunSaysWhy() {
        RunSummary summary = new RunSummary(true);
        summary.on(new RunEvent.RunStarted(at(0), "sr-2", "busybox", 1));
        summary.on(new RunEvent.PhaseStarted(at(0), 1, Phase.LAUNCH));
        summary.on(new RunEvent.LaunchRequested(at(0), 1, SampleEvents.OPTION));
        summary.on(new RunEvent.PhaseEnded(at(1), 1, Phase.LAUNCH, Duration.ofSeconds(1), false));
        summary.on(new RunEvent.AttemptFinished(at(1), 1, Outcome.FAILED, "no capacity"));
        summary.on(new RunEvent.RunFinished(at(1), "sr-2", Outcome.FAILED, -1, "no capacity"));
        assertThat(summary.lines()).contains("  result    failed: no capacity", "  attempts  1 of 1",
                "  time      launch 1s (total 1s)");
    }
}
