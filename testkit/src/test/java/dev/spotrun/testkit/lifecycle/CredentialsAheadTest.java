package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.testkit.CallHold;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry is asked for the image's credentials while the machine boots, once per attempt, not after. */
@Timeout(20)
class CredentialsAheadTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void theCredentialsAreAskedForWhileTheMachineBoots() throws Exception {
        RegistryCredentials granted = new RegistryCredentials("registry.test", "u", "p");
        lifecycle.cloud.registry().grant("registry.test", granted);
        lifecycle.cloud.engines().requireCredentials("registry.test", granted);
        CallHold booting = lifecycle.cloud.compute().hold("awaitRunning");
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> lifecycle.run(Lifecycle.spec("echo hi")));
        booting.awaitArrival(ARRIVAL);
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (lifecycle.cloud.registry().requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(lifecycle.cloud.registry().requests()).as("asked while the boot is held").hasSize(1);
        assertThat(lifecycle.events.events(RunEvent.InstanceRunning.class)).isEmpty();
        booting.release();
        assertThat(run.get(10, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(lifecycle.cloud.registry().requests()).as("asked once").hasSize(1);
    }

    @Test
    void aRefusalAskedForAheadStillEndsTheRunAtThePull() {
        lifecycle.cloud.registry().deny("registry.test");
        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hi"))).isInstanceOf(RegistryUnauthorized.class);
        assertThat(lifecycle.events.events(RunEvent.PhaseStarted.class))
                .extracting(RunEvent.PhaseStarted::phase).contains(Phase.PULL).doesNotContain(Phase.RUN);
        assertThat(lifecycle.cloud.compute().liveInstances()).isEmpty();
        assertThat(lifecycle.cloud.registry().requests()).hasSize(1);
    }
}
