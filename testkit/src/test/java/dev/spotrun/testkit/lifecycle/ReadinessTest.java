package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.event.RunEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 3: the engine is pinged with backoff from 100 ms up to 1 s, not with a fixed 5 s sleep. */
class ReadinessTest {

    private final Lifecycle lifecycle = new Lifecycle();

    @ParameterizedTest(name = "ready {0} ms after the machine runs")
    @ValueSource(longs = {0, 50, 1000, 3700, 30_000, 299_999})
    void anEngineReadyAtTIsFoundByTPlusOneSecond(long millis) {
        Duration delay = Duration.ofMillis(millis);
        lifecycle.cloud.engines().engineStartDelay(delay);
        lifecycle.run(Lifecycle.spec("echo hello"));
        Instant running = lifecycle.events.events(RunEvent.InstanceRunning.class).get(0).at();
        Instant ready = lifecycle.events.events(RunEvent.EngineReady.class).get(0).at();
        assertThat(ready).isAfterOrEqualTo(running.plus(delay)).isBeforeOrEqualTo(running.plus(delay).plusSeconds(1));
    }

    @Test
    void pingWaitsDoubleFrom100MillisecondsUpToOneSecond() {
        lifecycle.cloud.engines().engineStartDelay(Duration.ofSeconds(5));
        lifecycle.run(Lifecycle.spec("echo hello"));
        assertThat(lifecycle.cloud.clock().sleeps()).startsWith(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(lifecycle.cloud.clock().sleeps()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void anEngineReadyAtOnceIsUsedWithoutWaiting() {
        lifecycle.cloud.engines().engineStartDelay(Duration.ZERO);
        lifecycle.run(Lifecycle.spec("echo hello"));
        assertThat(lifecycle.cloud.clock().sleeps()).isEmpty();
        assertThat(lifecycle.events.events(RunEvent.EngineReady.class)).singleElement()
                .extracting(RunEvent.EngineReady::pings).isEqualTo(1);
    }

    @Test
    void failingPingsAreRetried() {
        lifecycle.cloud.engines().engineStartDelay(Duration.ZERO).failPings(3);
        assertThat(lifecycle.run(Lifecycle.spec("echo hello")).exitCode()).isZero();
        assertThat(lifecycle.events.events(RunEvent.EngineReady.class)).singleElement()
                .extracting(RunEvent.EngineReady::pings).isEqualTo(4);
    }

    @Test
    void theWaitForTheEngineEndsExactlyAtTheBootDeadline() {
        lifecycle.cloud.engines().engineStartDelay(Duration.ofDays(1));
        Duration boot = Lifecycle.spec("x").timeouts().boot();
        Instant start = lifecycle.cloud.clock().instant();
        try {
            lifecycle.run(Lifecycle.spec("echo hello"));
        } catch (RuntimeException expected) {
            // the boot timeout, proved in CleanUpTest
        }
        Instant gaveUp = lifecycle.events.events(RunEvent.InstanceTerminated.class).get(0).at();
        assertThat(gaveUp).isEqualTo(start.plus(boot));
    }
}
