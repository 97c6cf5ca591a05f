package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The faults of EC2 itself, set over the control API, seen by the unmodified AWS SDK: eventual consistency,
 * slow boots and spot interruptions; and the faults given at start, which hold from the first request.
 */
class Ec2BehaviourFaultsTest {

    @RegisterExtension
    static final CloudPerClass LOCAL = new CloudPerClass();

    private static LocalCloud cloud;
    private static LocalCloudClient control;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        cloud = LOCAL.cloud();
        control = LocalCloudClient.of(cloud.endpoint());
        ec2 = Clients.ec2WithoutRetries(cloud);
    }

    @AfterAll
    static void stop() {
        ec2.close();
    }

    private static String launch(String runId, boolean spot) {
        return ec2.runInstances(r -> {
            r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1).maxCount(1)
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(Tag.builder().key("spotrun:run-id").value(runId).build()).build());
            if (spot) {
                r.instanceMarketOptions(m -> m.marketType(MarketType.SPOT));
            }
        }).instances().get(0).instanceId();
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
    }

    private static int listedByRunId(String runId) {
        return ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:spotrun:run-id").values(runId).build()))
                .reservations().size();
    }

    static void awaitTrue(Supplier<Boolean> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aNewInstanceIsUnknownForAWhileAndATerminateAnsweredNotFoundTerminatesNothing() {
        control.addFaults("not-found-after-launch:1500ms");
        long launched = System.nanoTime();
        String id = launch("sr-consistency", false);

        assertNotFound(() -> ec2.describeInstances(r -> r.instanceIds(id)));
        assertNotFound(() -> ec2.terminateInstances(r -> r.instanceIds(id)));
        assertNotFound(() -> ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("a").value("b").build())));
        assertThat(listedByRunId("sr-consistency")).as("describe by filter").isZero();
        assertThat(ec2.describeInstances().reservations()).as("describe all")
                .noneMatch(res -> res.instances().get(0).instanceId().equals(id));
        assertThat(Duration.ofNanos(System.nanoTime() - launched)).as("all within the window")
                .isLessThan(Duration.ofMillis(1500));

        awaitTrue(() -> listedByRunId("sr-consistency") == 1, Duration.ofSeconds(5));
        assertThat(cloud.instance(id).gone()).as("the NotFound terminate did nothing").isFalse();
        ec2.terminateInstances(r -> r.instanceIds(id));
        assertThat(cloud.instance(id).gone()).isTrue();
    }

    @Test
    void aSlowBootKeepsInstancesPendingLonger() {
        control.addFaults("slow-boot:800ms");
        long launched = System.nanoTime();
        String id = launch("sr-slow", false);

        awaitTrue(() -> cloud.instance(id).state().equals("running"), Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - launched)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void aSlowTerminationKeepsInstancesShuttingDownAndTheirGroupsHeldLonger() {
        String group = ec2.createSecurityGroup(r -> r.groupName("sr-slow-end").description("slow end")).groupId();
        String id = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1).securityGroupIds(group)).instances().get(0).instanceId();
        control.addFaults("slow-terminate:800ms");
        long terminated = System.nanoTime();
        ec2.terminateInstances(r -> r.instanceIds(id));

        assertThat(cloud.instance(id).state()).isEqualTo("shutting-down");
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(group))).isInstanceOfSatisfying(
                Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DependencyViolation"));
        awaitTrue(() -> cloud.instance(id).state().equals("terminated"), Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - terminated)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        ec2.deleteSecurityGroup(r -> r.groupId(group));
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::id).doesNotContain(group);
    }

    @Test
    void spotInstancesAreInterruptedTheirTimeAfterTheyRun() {
        control.addFaults("interrupt-spot-after:300ms");
        String spot = launch("sr-spot", true);
        String onDemand = launch("sr-od", false);

        awaitTrue(() -> cloud.instance(spot).gone(), Duration.ofSeconds(5));
        assertThat(ec2.describeInstances(r -> r.instanceIds(spot)).reservations().get(0).instances().get(0)
                .stateReason().code()).isEqualTo("Server.SpotInstanceTermination");
        assertThat(cloud.instance(onDemand).gone()).isFalse();
    }

    /**
     * EC2's notice, as DescribeSpotInstanceRequests shows it: fulfilled, then marked-for-termination while the
     * instance runs on (shown a moment late, never before the notice), then closed once it was taken back.
     */
    @Test
    void aNoticedSpotInstanceIsMarkedForTerminationWhileItRunsAndTakenBackLeadLater() {
        control.addFaults("notice-spot-after:300ms:1500ms");
        String spot = launch("sr-notice", true);
        String onDemand = launch("sr-notice-od", false);
        String request = ec2.describeInstances(r -> r.instanceIds(spot)).reservations().get(0).instances().get(0)
                .spotInstanceRequestId();
        assertThat(spotStatus(request).status().code()).isEqualTo("fulfilled");

        awaitTrue(() -> spotStatus(request).status().code().equals("marked-for-termination"), Duration.ofSeconds(5));
        var marked = spotStatus(request);
        assertThat(marked.state()).isEqualTo(SpotInstanceState.ACTIVE);
        assertThat(marked.instanceId()).isEqualTo(spot);
        assertThat(cloud.instance(spot).state()).as("it runs on after the notice").isEqualTo("running");
        Instant noticed = marked.status().updateTime();
        assertThat(Instant.now()).as("shown a moment after the notice, not before")
                .isAfterOrEqualTo(noticed.plus(Duration.ofMillis(500)));

        awaitTrue(() -> cloud.instance(spot).gone(), Duration.ofSeconds(5));
        assertThat(Instant.now()).isAfterOrEqualTo(noticed.plus(Duration.ofMillis(1500)));
        assertThat(spotStatus(request).status().code()).isEqualTo("instance-terminated-no-capacity");
        assertThat(spotStatus(request).state()).isEqualTo(SpotInstanceState.CLOSED);
        assertThat(ec2.describeSpotInstanceRequests(r -> r.filters(f -> f.name("instance-id").values(spot)))
                .spotInstanceRequests()).extracting(SpotInstanceRequest::spotInstanceRequestId).containsExactly(request);
        assertThat(cloud.instance(onDemand).gone()).isFalse();
        assertThatThrownBy(() -> ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds("sir-00000000")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidSpotInstanceRequestID.NotFound"));
    }

    private SpotInstanceRequest spotStatus(String requestId) {
        return ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(requestId)).spotInstanceRequests()
                .get(0);
    }

    @Test
    void theInstanceOperationsOverHttpOnInstancesInProcess() {
        String spot = launch("sr-ops", true);
        awaitTrue(() -> cloud.instance(spot).state().equals("running"), Duration.ofSeconds(5));

        assertThat(control.reboot(spot)).contains(spot);
        assertThat(cloud.instance(spot).state()).as("a reboot keeps it running").isEqualTo("running");
        assertThatThrownBy(() -> control.cutEngine(spot)).isInstanceOfSatisfying(LocalCloudClient.Refused.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("no engine");
        });
        assertThatThrownBy(() -> control.reboot("i-0123456789abcdef0"))
                .isInstanceOfSatisfying(LocalCloudClient.Refused.class, e -> assertThat(e.status()).isEqualTo(404));

        assertThat(control.notice(spot)).contains("marked-for-termination");
        assertThatThrownBy(() -> control.notice(spot)).isInstanceOfSatisfying(LocalCloudClient.Refused.class,
                e -> assertThat(e.status()).isEqualTo(409));
        assertThat(control.interrupt(spot)).contains("interrupted");
        assertThat(cloud.instance(spot).stateReason()).isEqualTo("Server.SpotInstanceTermination");
        assertThatThrownBy(() -> control.interrupt(spot)).isInstanceOfSatisfying(LocalCloudClient.Refused.class,
                e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void faultsGivenAtStartHoldFromTheFirstRequest() {
        try (LocalCloud started = LocalCloud.builder().fault("throttle:RunInstances").fault("no-capacity:c5.large")
                .start();
             Ec2Client client = Clients.ec2WithoutRetries(started)) {
            assertThatThrownBy(() -> client.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI)
                    .instanceType("m5.large").minCount(1).maxCount(1)))
                    .isInstanceOfSatisfying(Ec2Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded"));
            assertThat(started.faults().specs()).containsExactly("no-capacity:c5.large");
        }
        assertThatThrownBy(() -> LocalCloud.builder().fault("throttle:RunInstance"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown action 'RunInstance'");
    }
}
