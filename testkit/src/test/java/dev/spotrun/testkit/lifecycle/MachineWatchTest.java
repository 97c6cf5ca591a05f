package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.run.RemoteRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A machine taken back without notice looks, from its engine's side, like a broken connection that the client
 * keeps trying to make again. The lifecycle asks the cloud at the first loss instead of waiting for the
 * reconnects to give up: here they never would, so without the watch this run would hang.
 */
@Timeout(20)
class MachineWatchTest {

    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void aLostConnectionAsksTheCloudAtOnceAndAnInterruptedMachineIsRetried() {
        lifecycle.cloud.engines().reconnectForever();
        var compute = lifecycle.cloud.compute();
        assertThatThrownBy(() -> lifecycle.cloud.remoteRun().run(RemoteRun.newRunId(),
                Lifecycle.spec("echo started; sleep infinity").withRetry(new RetryPolicy(1, false)), lifecycle.logs,
                event -> {
                    lifecycle.events.on(event);
                    if (event instanceof RunEvent.ContainerStarted started && started.attempt() == 1) {
                        // The cloud takes the machine back while the attempt waits for the container's exit.
                        new Thread(() -> {
                            sleepQuietly(100);
                            compute.interrupt(compute.launchedIds().get(0));
                        }).start();
                    } else if (event instanceof RunEvent.ContainerStarted started && started.attempt() == 2) {
                        new Thread(() -> lifecycle.cancellation.cancel(false)).start();
                    }
                }, lifecycle.cancellation)).isInstanceOf(Cancelled.class);

        assertThat(lifecycle.events.events(RunEvent.InstanceInterrupted.class)).singleElement()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(1));
        assertThat(lifecycle.events.events(RunEvent.RetryScheduled.class)).hasSize(1);
        assertThat(lifecycle.events.events(RunEvent.ContainerStarted.class)).hasSize(2);
        assertThat(compute.liveInstances()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
