package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.domain.failure.TerminateFailed;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.testkit.InMemoryCompute;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Step 9: every machine that was launched is terminated, on every path. */
class CleanUpTest {

    private final Lifecycle lifecycle = new Lifecycle();
    private final InMemoryCompute compute = lifecycle.cloud.compute();

    @AfterEach
    void nothingIsLeftRunning() {
        assertThat(compute.liveInstances()).isEmpty();
        assertThat(lifecycle.cloud.engines().runningContainers()).isEmpty();
        assertThat(compute.terminateCalls()).containsAll(compute.launchedIds());
    }

    @Test
    void afterSuccess() {
        assertThat(lifecycle.run(Lifecycle.spec("echo hello")).exitCode()).isZero();
        assertThat(compute.launchedIds()).hasSize(1);
    }

    @Test
    void afterANonZeroExit() {
        assertThat(lifecycle.run(Lifecycle.spec("exit 3")).exitCode()).isEqualTo(3);
    }

    @Test
    void aContainerThatExitedIsNotStoppedAgain() {
        assertThat(lifecycle.run(Lifecycle.spec("exit 3")).exitCode()).isEqualTo(3);
        assertThat(lifecycle.events.events(RunEvent.ContainerStopped.class)).isEmpty();
    }

    @Test
    void afterTheCloudRefusesTheLaunch() {
        compute.rejectLaunches("AuthFailure", "AWS was not able to validate the provided access credentials");
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello"))).isInstanceOf(CloudRejected.class)
                .hasMessageContaining("AuthFailure");
        assertThat(compute.launchRequests()).as("no blind retry of a non-capacity error").hasSize(1);
        assertThat(compute.launchedIds()).isEmpty();
    }

    @Test
    void afterABootTimeout() {
        compute.bootTime(Duration.ofMinutes(30));
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello")))
                .isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.BOOT));
        assertThat(compute.launchedIds()).hasSize(1);
    }

    @Test
    void afterTheEngineNeverAnswers() {
        lifecycle.cloud.engines().engineStartDelay(Duration.ofHours(1));
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello")))
                .isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.BOOT))
                .hasMessageContaining("never answered");
    }

    @Test
    void afterAMissingImage() {
        RunSpec missing = Lifecycle.spec("echo hello").withContainer(ContainerSpec.of("registry.test/jobs/absent:1"));
        assertThatThrownBy(() -> lifecycle.run(missing)).isInstanceOf(ImageNotFound.class);
        assertThat(compute.launchedIds()).hasSize(1);
    }

    @Test
    void afterTheRegistryRefusesCredentials() {
        lifecycle.cloud.registry().deny("registry.test");
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello"))).isInstanceOf(RegistryUnauthorized.class);
        assertThat(compute.launchedIds()).hasSize(1);
    }

    @Test
    void afterWrongPullCredentials() {
        lifecycle.cloud.engines().requireCredentials("registry.test", new RegistryCredentials("registry.test", "u", "p"));
        lifecycle.cloud.registry().grant("registry.test", new RegistryCredentials("registry.test", "u", "wrong"));
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello"))).isInstanceOf(RegistryUnauthorized.class);
    }

    @Test
    void afterAPullTimeout() {
        lifecycle.cloud.engines().pullTime(Duration.ofHours(2));
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello")))
                .isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.PULL));
    }

    @Test
    void afterARunTimeoutTheContainerIsStoppedFirst() {
        RunSpec spec = Lifecycle.spec("sleep 100000");
        spec = spec.withTimeouts(spec.timeouts().withRun(Duration.ofMinutes(5)));
        RunSpec limited = spec;
        assertThatThrownBy(() -> lifecycle.run(limited))
                .isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.RUN));
        assertThat(lifecycle.cloud.engines().containers()).singleElement()
                .satisfies(c -> assertThat(c.stopGrace()).isEqualTo(limited.timeouts().stopGrace()));
        assertThat(lifecycle.events.events()).map(Object::getClass).containsSubsequence(
                RunEvent.ContainerStopped.class, RunEvent.InstanceTerminated.class);
    }

    @Test
    void aFailingTerminateIsRetried() {
        compute.failTerminations(2);
        RunResult result = lifecycle.run(Lifecycle.spec("echo hello"));
        assertThat(result.exitCode()).isZero();
        assertThat(compute.terminateCalls()).hasSize(3);
        assertThat(lifecycle.events.events(RunEvent.TerminateFailed.class))
                .extracting(RunEvent.TerminateFailed::willRetry).containsExactly(true, true);
    }

    @Test
    void aTerminateThatKeepsFailingIsReportedNotSwallowed() {
        compute.failTerminations(100);
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello"))).isInstanceOfSatisfying(
                TerminateFailed.class, e -> assertThat(e.instanceId()).isEqualTo(compute.launchedIds().get(0)))
                .hasMessageContaining("could not be terminated");
        assertThat(lifecycle.events.events(RunEvent.TerminateFailed.class)).last()
                .extracting(RunEvent.TerminateFailed::willRetry).isEqualTo(false);
        compute.failTerminations(0);
        compute.launchedIds().forEach(compute::terminate);
    }

    @Test
    void aTerminateFailureAfterAnotherFailureIsAttachedToIt() {
        compute.failTerminations(100);
        lifecycle.cloud.engines().pullTime(Duration.ofHours(2));
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hello"))).isInstanceOf(TimedOut.class)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(TerminateFailed.class));
        compute.failTerminations(0);
        compute.launchedIds().forEach(compute::terminate);
    }

    @Test
    void aListenerThatThrowsDoesNotLeakTheMachine() {
        RunResult result = lifecycle.cloud.remoteRun().run(Lifecycle.spec("exit 4"), lifecycle.logs, event -> {
            throw new IllegalStateException("broken display");
        });
        assertThat(result.exitCode()).isEqualTo(4);
    }
}
