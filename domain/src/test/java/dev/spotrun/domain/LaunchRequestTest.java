package dev.spotrun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LaunchRequestTest {

    private static final EngineBootstrap ENGINE = new EngineBootstrap(2376, "ca", "cert", "key");
    private static final Instant EXPIRES = Instant.parse("2030-01-01T07:00:00Z");
    private static final LaunchOption SPOT = new LaunchOption("m5.large", Market.SPOT, "", "");

    private static LaunchRequest request(String runId, int attempt, LaunchOption option) {
        return new LaunchRequest(runId, attempt, option, MachineSpec.spot("m5.large"), ENGINE, "alice", EXPIRES);
    }

    @Test
    void theClientTokenIsTheSameForTheSameRunAttemptAndOption() {
        assertThat(request("sr-0123456789ab", 1, SPOT).clientToken())
                .isEqualTo(request("sr-0123456789ab", 1, new LaunchOption("m5.large", Market.SPOT, "", ""))
                        .clientToken());
    }

    @Test
    void theClientTokenDiffersPerRunAttemptAndOption() {
        String token = request("sr-0123456789ab", 1, SPOT).clientToken();
        assertThat(request("sr-0123456789ac", 1, SPOT).clientToken()).isNotEqualTo(token);
        assertThat(request("sr-0123456789ab", 2, SPOT).clientToken()).isNotEqualTo(token);
        assertThat(request("sr-0123456789ab", 1, new LaunchOption("m5.large", Market.ON_DEMAND, "", "")).clientToken())
                .isNotEqualTo(token);
        assertThat(request("sr-0123456789ab", 1, new LaunchOption("m5.large", Market.SPOT, "", "us-east-1b"))
                .clientToken()).isNotEqualTo(token);
        assertThat(request("sr-0123456789ab", 1, new LaunchOption("m5.xlarge", Market.SPOT, "", "")).clientToken())
                .isNotEqualTo(token);
    }

    @Test
    void theClientTokenFitsEc2sSixtyFourAsciiCharacters() {
        String token = request("sr-0123456789ab", 21, new LaunchOption("u-24tb1.224xlarge", Market.SPOT,
                "subnet-0123456789abcdef0", "")).clientToken();
        assertThat(token).hasSizeLessThanOrEqualTo(64).matches("[\\x21-\\x7e]+").startsWith("sr-0123456789ab-21-");
    }

    @Test
    void aRequestWithoutAnAbandonWindowGetsTheDefault() {
        assertThat(request("sr-0123456789ab", 1, SPOT).abandonAfter()).isEqualTo(LaunchRequest.DEFAULT_ABANDON_AFTER);
    }
}
