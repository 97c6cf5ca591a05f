package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;

class InstanceWaitsTest {

    @Test
    void looksComeSoonThenGrowByHalfUpToThePollInterval() {
        BackoffStrategy looks = InstanceWaits.looks(Duration.ofMillis(200), Duration.ofSeconds(2));
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(looks::computeDelay).map(Duration::toMillis))
                .containsExactly(200L, 300L, 450L, 675L, 1012L, 1518L, 2000L, 2000L);
    }

    @Test
    void aMachineUpAfterTheSecondLookIsSeenAtTheThird() {
        BackoffStrategy looks = InstanceWaits.looks(Duration.ofMillis(200), Duration.ofSeconds(2));
        long sinceLaunch = 0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            sinceLaunch += looks.computeDelay(attempt).toMillis();
        }
        // A local machine runs about 0.55 s after its launch: seen 0.95 s after it, not 1.4 s as with doubling.
        assertThat(sinceLaunch).isEqualTo(950L);
    }

    @Test
    void aShortPollIntervalCapsEveryLook() {
        BackoffStrategy looks = InstanceWaits.looks(Duration.ofMillis(50), Duration.ofMillis(50));
        assertThat(looks.computeDelay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(looks.computeDelay(30)).isEqualTo(Duration.ofMillis(50));
    }
}
