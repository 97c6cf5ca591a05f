package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class Ec2RetriesTest {

    @Test
    void capacityIsNeverRetriedThoughEc2SendsItAsA500() {
        assertThat(Ec2Retries.retryable(Ec2ErrorsTest.ec2(500, "InsufficientInstanceCapacity"))).isFalse();
        assertThat(Ec2Retries.retryable(Ec2ErrorsTest.ec2(400, "SpotMaxPriceTooLow"))).isFalse();
    }

    @Test
    void throttlingServerErrorsAndBrokenConnectionsAreRetried() {
        assertThat(Ec2Retries.retryable(Ec2ErrorsTest.ec2(503, "RequestLimitExceeded"))).isTrue();
        assertThat(Ec2Retries.retryable(Ec2ErrorsTest.ec2(500, "InternalError"))).isTrue();
        assertThat(Ec2Retries.retryable(Ec2ErrorsTest.ec2(503, "Unavailable"))).isTrue();
        assertThat(Ec2Retries.retryable(SdkClientException.create("reset", new IOException("reset")))).isTrue();
    }

    @Test
    void clientErrorsAreNotRetried() {
        assertThat(Ec2Retries.retryable(Ec2ErrorsTest.ec2(401, "AuthFailure"))).isFalse();
        assertThat(Ec2Retries.retryable(Ec2ErrorsTest.ec2(400, "InvalidAMIID.NotFound"))).isFalse();
    }

    @Test
    void theStrategyIsTheSdksStandardOneWithTheGivenAttemptsAndNoClientDefaults() {
        assertThat(Ec2Retries.strategy(4).maxAttempts()).isEqualTo(4);
        assertThat(Ec2Retries.strategy(4).toString()).contains("useClientDefaults=false");
    }
}
