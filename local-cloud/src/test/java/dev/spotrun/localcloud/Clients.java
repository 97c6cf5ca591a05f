package dev.spotrun.localcloud;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Unmodified AWS SDK clients of a local cloud: with the SDK's own retries, or with none, to see each answer. */
final class Clients {

    private Clients() {
    }

    static Ec2Client ec2(LocalCloud cloud) {
        return Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials()).build();
    }

    static Ec2Client ec2WithoutRetries(LocalCloud cloud) {
        return Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(20)))
                .build();
    }

    static SsmClient ssmWithoutRetries(LocalCloud cloud) {
        return SsmClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret"));
    }
}
