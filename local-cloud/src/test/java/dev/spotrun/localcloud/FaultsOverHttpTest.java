package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Each fault about requests, set over the control API as another process sets it, seen by the unmodified AWS
 * SDK: what the client gets, and what the cloud did.
 */
class FaultsOverHttpTest {

    @RegisterExtension
    static final CloudPerClass LOCAL = new CloudPerClass();

    private static LocalCloud cloud;
    private static LocalCloudClient control;
    private static Ec2Client ec2;
    private static Ec2Client bare;

    @BeforeAll
    static void start() {
        cloud = LOCAL.cloud();
        control = LocalCloudClient.of(cloud.endpoint());
        ec2 = Clients.ec2(cloud);
        bare = Clients.ec2WithoutRetries(cloud);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        bare.close();
    }

    private static long millisOf(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aDelayHoldsEveryRequestOfItsActionThenHandlesIt() {
        control.addFaults("delay:CreateSecurityGroup:700ms");

        assertThat(millisOf(() -> bare.createSecurityGroup(r -> r.groupName("held").description("d"))))
                .isGreaterThanOrEqualTo(700);
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::name).contains("held");
        assertThat(millisOf(() -> bare.describeSubnets())).as("other actions").isLessThan(700);
        assertThat(control.faults()).containsExactly("delay:CreateSecurityGroup:700ms");

        control.clearFaults();
        assertThat(millisOf(() -> bare.createSecurityGroup(r -> r.groupName("free").description("d"))))
                .isLessThan(700);
    }

    @Test
    void aDroppedAnswerClosesTheConnectionAfterTheRequestTookEffect() {
        control.addFaults("drop-answer:CreateSecurityGroup");

        assertThatThrownBy(() -> bare.createSecurityGroup(r -> r.groupName("dropped").description("d")))
                .isInstanceOf(SdkClientException.class);
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::name).contains("dropped");
        assertThat(cloud.requests("CreateSecurityGroup")).singleElement().satisfies(r -> {
            assertThat(r.status()).isZero();
            assertThat(r.fault()).isEqualTo("drop-answer:CreateSecurityGroup:1");
            assertThat(r.failed()).isTrue();
        });
        assertThat(control.faults()).as("used up").isEmpty();
    }

    @Test
    void theSdkRetriesADroppedRunInstancesWithItsClientTokenAndOneInstanceIsLaunched() {
        control.addFaults("drop-answer:RunInstances");
        int before = cloud.instances().size();

        String id = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1).clientToken("token-dropped")).instances().get(0).instanceId();

        assertThat(cloud.instances()).hasSize(before + 1).extracting(LocalInstance::id).contains(id);
        assertThat(cloud.requests("RunInstances")).extracting(RecordedRequest::status).containsExactly(0, 200);
    }

    @Test
    void anErrorAfterHandlingAnswers500ThoughTheRequestTookEffect() {
        control.addFaults("error-after:CreateSecurityGroup:1");

        assertThatThrownBy(() -> bare.createSecurityGroup(r -> r.groupName("done-anyway").description("d")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
                });
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::name).contains("done-anyway");
    }

    @Test
    void aLateAnswerArrivesAfterItsDelayWithTheResult() {
        control.addFaults("late-answer:CreateSecurityGroup:800ms:1");

        long[] took = new long[1];
        String[] id = new String[1];
        took[0] = millisOf(() -> id[0] = bare.createSecurityGroup(r -> r.groupName("late").description("d")).groupId());

        assertThat(took[0]).isGreaterThanOrEqualTo(800);
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::id).contains(id[0]);
        assertThat(millisOf(() -> bare.describeSubnets())).as("used up after one").isLessThan(800);
    }

    @Test
    void failAnswersItsCodeAndStatusWithoutHandling() {
        control.addFaults("fail:CreateSecurityGroup:UnauthorizedOperation:1:403");

        assertThatThrownBy(() -> bare.createSecurityGroup(r -> r.groupName("refused").description("d")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                });
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::name).doesNotContain("refused");
    }

    @Test
    void throttlingAnswersAsEc2DoesAndTheSdkKnowsIt() {
        control.addFaults("throttle:ec2:2");

        for (Runnable call : List.<Runnable>of(() -> bare.describeSubnets(), () -> bare.describeInstances())) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith("Request limit exceeded.");
                assertThat(RetryUtils.isThrottlingException(e)).isTrue();
            });
        }
        bare.describeSubnets();
        assertThat(cloud.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
    }

    @Test
    void throttlingOfAJsonServiceIsAThrottlingException() {
        control.addFaults("throttle:GetParameter");
        try (SsmClient ssm = Clients.ssmWithoutRetries(cloud)) {
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/aws/service/x")))
                    .isInstanceOfSatisfying(SsmException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                        assertThat(RetryUtils.isThrottlingException(e)).isTrue();
                    });
        }
    }

    @Test
    void everySecondEc2RequestIsThrottledUntilClearedAndTheSdksRetriesCarryEveryCall() {
        control.addFaults("throttle-every:2");

        for (int i = 0; i < 6; i++) {
            ec2.describeSubnets();
        }

        List<Integer> statuses = cloud.requests().stream().map(RecordedRequest::status).toList();
        // The 2nd, 4th, ... request is throttled: each call after the first is throttled once, then retried.
        assertThat(statuses).containsExactly(200, 503, 200, 503, 200, 503, 200, 503, 200, 503, 200);
        control.clearFaults();
        cloud.clearRequests();
        ec2.describeSubnets();
        ec2.describeSubnets();
        assertThat(cloud.requests()).extracting(RecordedRequest::status).containsOnly(200);
    }

    @Test
    void dependencyViolationKeepsTheGroupForTheNextDeletes() {
        String id = bare.createSecurityGroup(r -> r.groupName("kept").description("d")).groupId();
        control.addFaults("dependency-violation:1");

        assertThatThrownBy(() -> bare.deleteSecurityGroup(r -> r.groupId(id)))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DependencyViolation"));
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::id).contains(id);
        bare.deleteSecurityGroup(r -> r.groupId(id));
        assertThat(cloud.securityGroups()).extracting(LocalSecurityGroup::id).doesNotContain(id);
    }

    @Test
    void noCapacityPerTypeAndMarket() {
        control.addFaults("no-capacity:m5.large:spot");

        assertThatThrownBy(() -> bare.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("m5.large")
                .minCount(1).maxCount(1).instanceMarketOptions(m -> m.marketType(MarketType.SPOT))))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
                });
        assertThat(bare.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("m5.large").minCount(1)
                .maxCount(1)).instances()).hasSize(1);
    }
}
