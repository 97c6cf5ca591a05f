package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps 5-8: the container's options, output and exit code. */
class OutputTest {

    private final Lifecycle lifecycle = new Lifecycle();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 137, 255})
    void theContainersExitCodeIsTheRunsExitCode(int code) {
        assertThat(lifecycle.run(Lifecycle.spec("exit " + code)).exitCode()).isEqualTo(code);
    }

    @Test
    void stdoutAndStderrArriveInOrderAndApart() {
        lifecycle.run(Lifecycle.spec("echo one; echo two >&2; echo three; echo four >&2"));
        assertThat(lifecycle.logs.stdout()).isEqualTo("one\nthree\n");
        assertThat(lifecycle.logs.stderr()).isEqualTo("two\nfour\n");
        assertThat(lifecycle.logs.order()).containsExactly(LogStream.STDOUT, LogStream.STDERR, LogStream.STDOUT,
                LogStream.STDERR);
    }

    @Test
    void manyLinesArriveOnceAndInOrder() {
        lifecycle.run(Lifecycle.spec("seq 1 100000"));
        String[] lines = lifecycle.logs.stdout().split("\n");
        assertThat(lines).hasSize(100_000);
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void theOutputIsAttachedBeforeTheContainerStartsAndAllOfItArrives() {
        RunResult result = lifecycle.run(Lifecycle.spec("echo hello"));
        assertThat(lifecycle.cloud.engines().containers()).singleElement()
                .satisfies(c -> assertThat(c.attachedBeforeStart()).isTrue());
        assertThat(result.outputWarning()).isEmpty();
        assertThat(lifecycle.events.events(RunEvent.ContainerExited.class)).singleElement()
                .satisfies(e -> assertThat(e.outputComplete()).isTrue());
    }

    @Test
    void outputThatBreaksForGoodStillGivesTheContainersExitCodeAndSaysSo() {
        lifecycle.cloud.engines().breakOutputAfter(1);
        RunResult result = lifecycle.run(Lifecycle.spec("echo one; echo two; exit 3"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(lifecycle.logs.stdout()).isEqualTo("one\n");
        assertThat(result.outputWarning()).startsWith("the container's output may be incomplete: ")
                .contains("did not come back");
        assertThat(result.lastAttempt().outcome()).isEqualTo(dev.spotrun.domain.Outcome.EXITED);
        assertThat(lifecycle.events.events(RunEvent.ContainerExited.class)).singleElement().satisfies(e -> {
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.outputComplete()).isFalse();
        });
        assertThat(lifecycle.events.events(RunEvent.AttemptFinished.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo(result.outputWarning()));
        assertThat(lifecycle.cloud.engines().runningContainers()).isEmpty();
    }

    @Test
    void theContainerGetsItsOptionsAndTheRunLabel() {
        RunSpec spec = Lifecycle.spec("printenv TOKEN");
        spec = spec.withMachine(MachineSpec.spot("g5.xlarge"))
                .withContainer(spec.container().withEnv(Map.of("TOKEN", "abc")).withWorkdir("/src")
                .withUser("1000:1000").withGpus(2).withLabels(Map.of("team", "mobile")));
        RunResult result = lifecycle.run(spec);
        assertThat(lifecycle.logs.stdout()).isEqualTo("abc\n");
        assertThat(lifecycle.cloud.engines().containers()).singleElement().satisfies(c -> {
            assertThat(c.spec().workdir()).isEqualTo("/src");
            assertThat(c.spec().user()).isEqualTo("1000:1000");
            assertThat(c.spec().gpus()).isEqualTo(2);
            assertThat(c.spec().labels()).containsEntry("team", "mobile")
                    .containsEntry("dev.spotrun.run-id", result.runId());
        });
    }

    @Test
    void theResultTimesEveryPhase() {
        RunSpec spec = Lifecycle.spec("sleep 90; exit 0");
        RunResult result = lifecycle.run(spec);
        assertThat(result.phases()).containsKeys(Phase.values());
        assertThat(result.phases().get(Phase.BOOT)).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(result.phases().get(Phase.RUN)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(lifecycle.events.events(RunEvent.ContainerExited.class)).singleElement()
                .extracting(RunEvent.ContainerExited::exitCode).isEqualTo(0);
    }

    @Test
    void pullProgressIsReportedAsEvents() {
        lifecycle.run(Lifecycle.spec("echo hello"));
        assertThat(lifecycle.events.events(RunEvent.PullProgressed.class)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.progress().layer()).isNotEmpty());
        assertThat(lifecycle.events.events(RunEvent.ImagePulled.class)).singleElement()
                .extracting(RunEvent.ImagePulled::image).isEqualTo("registry.test/jobs/busybox:1.36");
    }
}
