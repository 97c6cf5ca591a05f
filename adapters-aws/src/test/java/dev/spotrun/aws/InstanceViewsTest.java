package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

class InstanceViewsTest {

    private static Instance instance(InstanceStateName state, String reason) {
        return Instance.builder().instanceId("i-1").state(s -> s.name(state))
                .stateReason(reason == null ? null : software.amazon.awssdk.services.ec2.model.StateReason.builder()
                        .code(reason).message(reason + ": why").build())
                .tags(tag("spotrun:run-id", "sr-1"), tag("spotrun:owner", "bob"),
                        tag("spotrun:expires-at", "2030-01-01T00:00:00Z"))
                .build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static SpotInstanceRequest request(String code, Instant updated) {
        return SpotInstanceRequest.builder().spotInstanceRequestId("sir-1").state("active")
                .status(s -> s.code(code).updateTime(updated)).build();
    }

    @Test
    void aSpotRequestMarkedForTerminationStopOrHibernationIsANoticeOfTwoMinutesFromItsUpdate() {
        InstanceStatus running = InstanceStatus.of(InstanceState.RUNNING);
        Instant updated = Instant.parse("2030-01-01T00:00:00Z");
        Instant seen = updated.plusSeconds(7);
        for (String code : new String[] {"marked-for-termination", "marked-for-stop", "marked-for-hibernation"}) {
            assertThat(InstanceViews.withNotice(running, request(code, updated), seen)).as(code).satisfies(s -> {
                assertThat(s.state()).isEqualTo(InstanceState.RUNNING);
                assertThat(s.interrupted()).isFalse();
                assertThat(s.reason()).isEqualTo(code);
                assertThat(s.notice()).contains(updated.plusSeconds(120));
            });
        }
        assertThat(InstanceViews.withNotice(running, request("marked-for-termination", null), seen).notice())
                .as("without an update time: from when it was seen").contains(seen.plusSeconds(120));
        assertThat(InstanceViews.withNotice(running, request("fulfilled", updated), seen)).isEqualTo(running);
        assertThat(InstanceViews.withNotice(running, null, seen)).isEqualTo(running);
    }

    @Test
    void aSpotTerminationIsAnInterruptionAndAUserShutdownIsNot() {
        assertThat(InstanceViews.status(instance(InstanceStateName.TERMINATED, "Server.SpotInstanceTermination")))
                .satisfies(s -> {
                    assertThat(s.interrupted()).isTrue();
                    assertThat(s.state()).isEqualTo(InstanceState.TERMINATED);
                    assertThat(s.reason()).isEqualTo("Server.SpotInstanceTermination");
                });
        assertThat(InstanceViews.interrupted(instance(InstanceStateName.SHUTTING_DOWN, "instance-terminated-by-price")))
                .isTrue();
        assertThat(InstanceViews.interrupted(instance(InstanceStateName.TERMINATED, "Client.UserInitiatedShutdown")))
                .isFalse();
        assertThat(InstanceViews.interrupted(instance(InstanceStateName.TERMINATED, "Client.InstanceInitiatedShutdown")))
                .isFalse();
        assertThat(InstanceViews.status(instance(InstanceStateName.RUNNING, null)).reason()).isEmpty();
    }

    @Test
    void everyEc2StateMapsToTheDomains() {
        assertThat(InstanceViews.state(instance(InstanceStateName.PENDING, null))).isEqualTo(InstanceState.PENDING);
        assertThat(InstanceViews.state(instance(InstanceStateName.RUNNING, null))).isEqualTo(InstanceState.RUNNING);
        assertThat(InstanceViews.state(instance(InstanceStateName.SHUTTING_DOWN, null))).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(InstanceViews.state(instance(InstanceStateName.STOPPING, null))).isEqualTo(InstanceState.STOPPING);
        assertThat(InstanceViews.state(instance(InstanceStateName.STOPPED, null))).isEqualTo(InstanceState.STOPPED);
        assertThat(InstanceViews.state(Instance.builder().build())).isEqualTo(InstanceState.UNKNOWN);
    }

    @Test
    void aSummaryReadsTheSpotrunTagsAndAnUnreadableExpiryNeverExpires() {
        InstanceSummary summary = InstanceViews.summary(instance(InstanceStateName.RUNNING, null));

        assertThat(summary.runId()).isEqualTo("sr-1");
        assertThat(summary.owner()).isEqualTo("bob");
        assertThat(summary.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(InstanceViews.expiry("tomorrow")).isEqualTo(Instant.MAX);
        assertThat(InstanceViews.expiry(null)).isEqualTo(Instant.MAX);
    }
}
