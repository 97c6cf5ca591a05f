package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** While the first machine boots, the engine's adapter gets ready for the run's client, once per run. */
@Timeout(20)
class EnginePreparationTest {

    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void theEnginesAdapterIsPreparedForTheRunsTrustOnceWhileTheFirstMachineBoots() throws InterruptedException {
        lifecycle.cloud.compute().interruptAt(Phase.RUN);
        lifecycle.run(Lifecycle.spec("echo hello").withRetry(new RetryPolicy(1, false)));

        List<LaunchRequest> launches = lifecycle.cloud.compute().launchRequests();
        assertThat(launches).as("an interrupted attempt and its retry").hasSize(2);
        EngineBootstrap trust = launches.get(0).engine();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (lifecycle.cloud.engines().prepared().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(lifecycle.cloud.engines().prepared()).containsExactly(trust);
    }
}
