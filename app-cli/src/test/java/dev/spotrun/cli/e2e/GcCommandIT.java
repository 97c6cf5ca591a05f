package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.CallerAddress;
import dev.spotrun.cli.e2e.Spotrun.Result;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.localcloud.LocalSecurityGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code spotrun gc} as a separate process against the local cloud, reached the way any AWS tool reaches it:
 * through {@code AWS_ENDPOINT_URL}, {@code AWS_REGION} and keys in the environment.
 */
class GcCommandIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private LocalCloud cloud;
    private AwsAdapters aws;

    @BeforeEach
    void startTheLocalCloud() {
        cloud = LocalCloud.start();
        aws = AwsAdapters.builder().endpoint(cloud.endpoint()).region(cloud.region())
                .staticCredentials("test", "test").callerAddress(CallerAddress.fixed("127.0.0.1/32"))
                .bootScript(request -> "#!/bin/sh\ntrue\n").build();
    }

    @AfterEach
    void stopIt() {
        aws.close();
        cloud.close();
    }

    private Spotrun spotrun() {
        return new Spotrun(dir).env(Map.of("AWS_ENDPOINT_URL", cloud.endpoint().toString(),
                "AWS_REGION", cloud.region(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
    }

    private Instance launch(String runId) {
        return launch(runId, Instant.now().plus(Duration.ofHours(1)));
    }

    private Instance launch(String runId, Instant expiresAt) {
        LaunchRequest request = new LaunchRequest(runId, 1, new LaunchOption("t3.small", Market.SPOT, "", ""),
                MachineSpec.spot("t3.small"), new EngineBootstrap(EngineBootstrap.TLS_PORT, "", "", ""), "ci",
                expiresAt);
        return aws.compute().launch(request);
    }

    /** A machine whose own power-off at its expiry did not happen: its expiry tag lies in the past. */
    private void expire(String instanceId) {
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            ec2.createTags(r -> r.resources(instanceId).tags(t -> t.key(LaunchRequest.TAG_EXPIRES_AT)
                    .value(Instant.now().minus(Duration.ofMinutes(5)).toString())));
        }
    }

    @Test
    void terminatesAnExpiredMachineAndSparesALiveOne() throws InterruptedException {
        cloud.faults().slowTerminate(Duration.ofSeconds(2)); // as EC2, where a terminated machine holds its group a while
        Instance expired = launch("sr-000000000001");
        Instance live = launch("sr-000000000002");
        expire(expired.id());

        Result dryRun = spotrun().run(LIMIT, "gc", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains(expired.id() + " sr-000000000001 ci").contains("would-terminate")
                .doesNotContain(live.id());
        assertThat(cloud.instance(expired.id()).gone()).as("a dry run changes nothing").isFalse();

        Result gc = spotrun().run(LIMIT, "gc");
        assertThat(gc.exitCode()).as(gc.toString()).isZero();
        assertThat(gc.out().lines()).containsExactly(expired.id() + " sr-000000000001 ci "
                + cloud.instance(expired.id()).tags().get(LaunchRequest.TAG_EXPIRES_AT) + " terminated",
                "sr-000000000001 kept-for-later");
        assertThat(cloud.instance(expired.id()).gone()).isTrue();
        assertThat(cloud.instance(live.id()).gone()).isFalse();
        assertThat(cloud.requests("TerminateInstances")).hasSize(1);

        awaitTerminated(expired.id());
        Result later = spotrun().run(LIMIT, "gc");
        assertThat(later.exitCode()).as(later.toString()).isZero();
        assertThat(later.out()).as("the next sweep, once the machine let its group go")
                .isEqualTo("sr-000000000001 released\n");
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::name).as("the expired run's group is gone")
                .doesNotContain("spotrun-sr-000000000001").contains("spotrun-sr-000000000002");
    }

    private void awaitTerminated(String instanceId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cloud.instance(instanceId).state().equals("terminated") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cloud.instance(instanceId).state()).isEqualTo("terminated");
    }

    @Test
    void removesTheGroupOfARunWhoseMachineShutItselfDownAndSparesALiveRunsGroup() throws InterruptedException {
        Instance gone = launch("sr-000000000003", Instant.now().minus(Duration.ofMinutes(5)));
        Instance live = launch("sr-000000000004");
        awaitTerminated(gone.id()); // it powered itself off at its expiry; the spotrun that launched it was killed
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::name)
                .contains("spotrun-sr-000000000003", "spotrun-sr-000000000004");

        Result dryRun = spotrun().run(LIMIT, "gc", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).isEqualTo("sr-000000000003 would-release\n");
        assertThat(cloud.requests("DeleteSecurityGroup")).as("a dry run deletes nothing").isEmpty();

        Result gc = spotrun().run(LIMIT, "gc");
        assertThat(gc.exitCode()).as(gc.toString()).isZero();
        assertThat(gc.out()).isEqualTo("sr-000000000003 released\n");
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::name)
                .doesNotContain("spotrun-sr-000000000003").contains("spotrun-sr-000000000004");
        assertThat(cloud.instance(live.id()).gone()).isFalse();
        assertThat(cloud.requests("TerminateInstances")).isEmpty();
    }

    @Test
    void anUnreachableCloudIs125WithOneLine() {
        Result gc = new Spotrun(dir).env(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")).run(LIMIT, "gc");
        assertThat(gc.exitCode()).as(gc.toString()).isEqualTo(125);
        assertThat(gc.err().lines()).singleElement().asString().startsWith("spotrun: ");
        assertThat(gc.out()).isEmpty();
    }
}
