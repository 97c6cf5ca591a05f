package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.run.RemoteRun;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A cancel from another thread stops the container first, then terminates the machine. */
@Timeout(20)
class CancellationTest {

    private final Lifecycle lifecycle = new Lifecycle();

    @AfterEach
    void nothingIsLeftRunning() {
        assertThat(lifecycle.cloud.compute().liveInstances()).isEmpty();
        assertThat(lifecycle.cloud.engines().runningContainers()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).as("the caller's thread is left clean").isFalse();
    }

    /**
     * Cancels from a thread of its own as soon as an event of {@code type} is seen, and waits for the cancel
     * to be delivered, so that the run reacts at a known step however fast the fakes are.
     */
    private RunListener cancelOn(Class<? extends RunEvent> type, boolean graceful) {
        return event -> {
            lifecycle.events.on(event);
            if (type.isInstance(event)) {
                Thread canceller = new Thread(() -> lifecycle.cancellation.cancel(graceful));
                canceller.start();
                joinUninterruptibly(canceller);
            }
        };
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void runCancelled(RunSpec spec, RunListener listener) {
        assertThatThrownBy(() -> lifecycle.cloud.remoteRun().run(RemoteRun.newRunId(), spec, lifecycle.logs,
                listener, lifecycle.cancellation)).isInstanceOf(Cancelled.class);
    }

    @Test
    void aGracefulCancelStopsTheContainerWithItsGracePeriodThenTerminates() {
        RunSpec spec = Lifecycle.spec("echo started; sleep infinity");
        runCancelled(spec, cancelOn(RunEvent.ContainerStarted.class, true));
        assertThat(lifecycle.cloud.engines().containers()).singleElement().satisfies(c -> {
            assertThat(c.stopGrace()).isEqualTo(spec.timeouts().stopGrace());
            assertThat(c.exitCode()).isEqualTo(143);
        });
        assertThat(lifecycle.events.events()).map(Object::getClass).containsSubsequence(
                RunEvent.ContainerStarted.class, RunEvent.CancelRequested.class, RunEvent.ContainerStopped.class,
                RunEvent.InstanceTerminated.class);
        assertThat(lifecycle.events.events(RunEvent.RunFinished.class)).singleElement()
                .extracting(RunEvent.RunFinished::outcome).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void aForcedCancelKillsTheContainerAtOnce() {
        runCancelled(Lifecycle.spec("sleep infinity"), cancelOn(RunEvent.ContainerStarted.class, false));
        assertThat(lifecycle.cloud.engines().containers()).singleElement().satisfies(c -> {
            assertThat(c.stopGrace()).isEqualTo(Duration.ZERO);
            assertThat(c.exitCode()).isEqualTo(137);
        });
    }

    @Test
    void aCancelDuringBootTerminatesTheMachine() {
        runCancelled(Lifecycle.spec("echo never"), cancelOn(RunEvent.InstanceLaunched.class, true));
        assertThat(lifecycle.cloud.compute().launchedIds()).hasSize(1);
        assertThat(lifecycle.cloud.compute().terminateCalls()).containsAll(lifecycle.cloud.compute().launchedIds());
        assertThat(lifecycle.events.events(RunEvent.ContainerStarted.class)).isEmpty();
    }

    @Test
    void aCancelWhileWaitingForTheEngineTerminatesTheMachine() {
        lifecycle.cloud.engines().engineStartDelay(Duration.ofSeconds(5));
        runCancelled(Lifecycle.spec("echo never"), cancelOn(RunEvent.InstanceRunning.class, true));
        assertThat(lifecycle.cloud.compute().terminateCalls()).containsAll(lifecycle.cloud.compute().launchedIds());
    }

    @Test
    void aCancelBeforeTheRunLaunchesNothing() {
        lifecycle.cancellation.cancel(true);
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hi"))).isInstanceOf(Cancelled.class);
        assertThat(lifecycle.cloud.compute().launchRequests()).isEmpty();
    }
}
