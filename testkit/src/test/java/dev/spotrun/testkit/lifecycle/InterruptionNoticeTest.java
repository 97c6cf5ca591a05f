package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.Timeouts;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.run.RemoteRun;
import dev.spotrun.testkit.InMemoryCompute;
import dev.spotrun.testkit.InMemoryContainerEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * EC2 gives notice before it takes a spot machine back. The lifecycle looks for it while the container runs; on
 * a notice the container is stopped within the time left, its artifacts are copied from the machine that is
 * still there, the machine is terminated, and the run goes on on a replacement as after an interruption. Time
 * is virtual: the test moves it, the watch only waits for it.
 */
@Timeout(20)
class InterruptionNoticeTest {

    private static final byte[] REPORT = "<testsuite tests=\"3\"/>".getBytes(StandardCharsets.UTF_8);
    private static final Duration LOOK = Duration.ofSeconds(5);

    private final Lifecycle lifecycle = new Lifecycle();
    private final InMemoryCompute compute = lifecycle.cloud.compute();
    private final InMemoryContainerEngine engines = lifecycle.cloud.engines();
    @TempDir
    Path temp;

    @AfterEach
    void nothingIsLeftRunning() {
        assertThat(compute.liveInstances()).isEmpty();
        assertThat(engines.runningContainers()).isEmpty();
    }

    /** A job that runs until it is stopped, with a report to copy out, on spot, retried once. */
    private RunSpec job(Duration stopGrace) {
        engines.publishImage(Lifecycle.IMAGE, "sleep", "infinity");
        engines.imageFile(Lifecycle.IMAGE, "/out/reports/junit.xml", REPORT);
        return RunSpec.of(ContainerSpec.of(Lifecycle.IMAGE), MachineSpec.spot("t3.small"))
                .withRetry(new RetryPolicy(1, false)).withOwner("ci")
                .withTimeouts(Timeouts.defaults().withStopGrace(stopGrace))
                .withArtifacts(List.of(new Artifact("/out/reports", temp.resolve("got"))));
    }

    /**
     * Once the first container runs: the replacement's containers exit 5 by themselves, the first machine gets
     * a notice of {@code lead}, and time moves on by one look.
     */
    private RunListener noticeOnFirstStart(Duration lead) {
        return event -> {
            lifecycle.events.on(event);
            if (event instanceof RunEvent.ContainerStarted started && started.attempt() == 1) {
                new Thread(() -> {
                    engines.publishImage(Lifecycle.IMAGE, "sh", "-c", "echo replaced; exit 5");
                    awaitTheWatch();
                    compute.notice(compute.launchedIds().get(0), lead);
                    lifecycle.cloud.clock().advance(LOOK);
                }).start();
            }
        };
    }

    private void awaitTheWatch() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lifecycle.cloud.clock().sleepersBeside() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private RunResult run(RunSpec spec, RunListener listener) {
        return lifecycle.cloud.remoteRun().run(RemoteRun.newRunId(), spec, lifecycle.logs, listener,
                lifecycle.cancellation);
    }

    private InMemoryContainerEngine.ContainerView firstContainer() {
        String id = lifecycle.events.events(RunEvent.ContainerStarted.class).get(0).containerId();
        return engines.containers().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aNoticeStopsTheContainerCopiesItsArtifactsTerminatesTheMachineAndTheReplacementsCodeIsTheRuns() {
        RunResult result = run(job(Duration.ofSeconds(10)), noticeOnFirstStart(InMemoryCompute.NOTICE_LEAD));

        String first = compute.launchedIds().get(0);
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.attempts()).extracting(a -> a.outcome())
                .containsExactly(Outcome.INTERRUPTED, Outcome.EXITED);
        assertThat(lifecycle.events.events(RunEvent.InterruptionNoticed.class)).singleElement().satisfies(e -> {
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.instanceId()).isEqualTo(first);
            assertThat(e.left()).isEqualTo(InMemoryCompute.NOTICE_LEAD.minus(LOOK));
            assertThat(e.reason()).isEqualTo(InMemoryCompute.NOTICE_CODE);
        });
        assertThat(firstContainer().stopGrace()).as("the stop grace, well within the time left")
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(temp.resolve("got/reports/junit.xml")).as("copied from the noticed machine")
                .hasBinaryContent(REPORT);
        assertThat(lifecycle.events.events(RunEvent.FilesCopied.class)).anySatisfy(e -> {
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.direction()).isEqualTo(RunEvent.FilesCopied.OUT);
            assertThat(e.done()).isTrue();
        });
        assertThat(lifecycle.events.events(RunEvent.ArtifactWarning.class)).noneMatch(w -> w.attempt() == 1);
        assertThat(lifecycle.events.events(RunEvent.InstanceTerminated.class)).extracting(e -> e.instanceId())
                .contains(first);
        assertThat(lifecycle.events.events(RunEvent.InstanceInterrupted.class)).as("it was not taken back").isEmpty();
        assertThat(lifecycle.events.events().stream().<Class<?>>map(Object::getClass).toList()).containsSubsequence(
                RunEvent.InterruptionNoticed.class, RunEvent.ContainerStopped.class, RunEvent.FilesCopied.class,
                RunEvent.InstanceTerminated.class, RunEvent.RetryScheduled.class, RunEvent.ContainerExited.class);
        assertThat(compute.terminateCalls()).startsWith(first);
    }

    @Test
    void aShortNoticeGivesTheStopHalfTheTimeLeftAndTheArtifactsTheOtherHalf() {
        run(job(Duration.ofMinutes(1)), noticeOnFirstStart(Duration.ofSeconds(25)));

        assertThat(lifecycle.events.events(RunEvent.InterruptionNoticed.class)).singleElement()
                .satisfies(e -> assertThat(e.left()).isEqualTo(Duration.ofSeconds(20)));
        assertThat(firstContainer().stopGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(temp.resolve("got/reports/junit.xml")).hasBinaryContent(REPORT);
    }

    @Test
    void aMachineTakenBackBeforeTheWatchLookedIsAnInterruptionAndItsArtifactsAreNotAskedFor() {
        RunResult result = run(job(Duration.ofSeconds(10)), noticeOnFirstStart(Duration.ofSeconds(3)));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(lifecycle.events.events(RunEvent.InterruptionNoticed.class)).isEmpty();
        assertThat(lifecycle.events.events(RunEvent.InstanceInterrupted.class)).singleElement()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(1));
        assertThat(lifecycle.events.events(RunEvent.ArtifactWarning.class)).anySatisfy(w -> {
            assertThat(w.attempt()).isEqualTo(1);
            assertThat(w.reason()).contains("took the machine back");
        });
    }
}
