package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

class EcrRegistryTest {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    /** A virtual clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Answers GetAuthorizationToken with a token of the given life, counting calls and regions. */
    static final class FakeEcr implements EcrClient {
        final List<String> calls = new ArrayList<>();
        final MovingClock clock;
        final String region;
        RuntimeException failure;
        int tokens;

        FakeEcr(MovingClock clock, String region) {
            this.clock = clock;
            this.region = region;
        }

        @Override
        public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
            calls.add(region);
            if (failure != null) {
                throw failure;
            }
            String token = Base64.getEncoder().encodeToString(("AWS:secret-" + (++tokens)).getBytes(StandardCharsets.UTF_8));
            return GetAuthorizationTokenResponse.builder().authorizationData(AuthorizationData.builder()
                    .authorizationToken(token).expiresAt(clock.now.plus(Duration.ofHours(12)))
                    .proxyEndpoint("https://" + HOST).build()).build();
        }

        @Override
        public String serviceName() {
            return "ecr";
        }

        @Override
        public void close() {
        }
    }

    private final MovingClock clock = new MovingClock();
    private final FakeEcr ecr = new FakeEcr(clock, "eu-west-1");
    private final List<String> regions = new ArrayList<>();
    private final EcrRegistry registry = new EcrRegistry(region -> {
        regions.add(region);
        return ecr;
    }, clock, java.util.Map.of("10.0.0.5:5000", EcrHost.alias("10.0.0.5:5000", "123456789012", "eu-west-1")));

    @Test
    void anEcrImageGetsTheDecodedTokenFromItsOwnRegionAndAccount() {
        RegistryCredentials credentials = registry.credentialsFor(ImageRef.parse(HOST + "/team/app:1")).orElseThrow();

        assertThat(credentials.username()).isEqualTo("AWS");
        assertThat(credentials.password()).isEqualTo("secret-1");
        assertThat(credentials.serverAddress()).isEqualTo("https://" + HOST);
        assertThat(regions).containsExactly("eu-west-1");
        assertThat(ecr.calls).containsExactly("eu-west-1");
        assertThat(credentials.toString()).doesNotContain("secret-1");
    }

    @Test
    void aRegistryKnownAsEcrUnderAnotherNameGetsItsToken() {
        RegistryCredentials credentials = registry.credentialsFor(ImageRef.parse("10.0.0.5:5000/app:1")).orElseThrow();

        assertThat(credentials.serverAddress()).isEqualTo("https://10.0.0.5:5000");
        assertThat(ecr.calls).containsExactly("eu-west-1");
    }

    @Test
    void otherImagesNeedNoCredentialsAndNoCall() {
        assertThat(registry.credentialsFor(ImageRef.parse("busybox:1.36"))).isEmpty();
        assertThat(registry.credentialsFor(ImageRef.parse("ghcr.io/org/app:1"))).isEmpty();
        assertThat(ecr.calls).isEmpty();
    }

    @Test
    void theTokenIsKeptUntilShortlyBeforeItExpires() {
        ImageRef image = ImageRef.parse(HOST + "/app");
        registry.credentialsFor(image);
        clock.now = clock.now.plus(Duration.ofHours(11));
        assertThat(registry.credentialsFor(image).orElseThrow().password()).isEqualTo("secret-1");

        clock.now = clock.now.plus(Duration.ofMinutes(46));

        assertThat(registry.credentialsFor(image).orElseThrow().password()).isEqualTo("secret-2");
        assertThat(ecr.calls).hasSize(2);
    }

    @Test
    void aRefusalIsUnauthorizedAndAnOutageIsUnavailable() {
        ecr.failure = EcrException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();
        assertThatThrownBy(() -> registry.credentialsFor(ImageRef.parse(HOST + "/app")))
                .isInstanceOfSatisfying(RegistryUnauthorized.class, e -> assertThat(e.registry()).isEqualTo(HOST));

        ecr.failure = EcrException.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").build()).build();
        assertThatThrownBy(() -> registry.credentialsFor(ImageRef.parse(HOST + "/app")))
                .isInstanceOf(CloudUnavailable.class);
    }
}
