package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fault spec language: what it reads, what it refuses, and how faults are written back. */
class FaultSpecTest {

    @Test
    void everyKindOfTheSyntaxParsesAndIsWrittenBackAsItsCanonicalSpec() {
        CloudFaults faults = new CloudFaults().apply("delay:RunInstances:1m30s", "fail:ecr:AccessDenied",
                "throttle:*:2", "throttle-every:2", "dependency-violation", "drop-answer:GetParameter:3",
                "error-after:TerminateInstances", "late-answer:ssm:500ms:2", "not-found-after-launch:5s",
                "no-capacity:*", "capacity-error:SpotMaxPriceTooLow:c5.large:spot:us-east-1b", "slow-boot:2s",
                "slow-terminate:1m", "interrupt-spot-after:1h", "notice-spot-after:30s");

        assertThat(faults.specs()).containsExactly("no-capacity:*",
                "capacity-error:SpotMaxPriceTooLow:c5.large:spot:us-east-1b", "delay:RunInstances:1m30s",
                "throttle-every:2", "fail:ecr:AccessDenied:1:400", "throttle:*:2", "dependency-violation:1",
                "drop-answer:GetParameter:3", "error-after:TerminateInstances:1", "late-answer:ssm:500ms:2",
                "not-found-after-launch:5s", "slow-boot:2s", "slow-terminate:1m", "interrupt-spot-after:1h",
                "notice-spot-after:30s:2m");
        for (String kind : new String[] {"delay", "fail", "throttle", "throttle-every", "dependency-violation",
                "drop-answer", "error-after", "late-answer", "not-found-after-launch", "no-capacity",
                "capacity-error", "slow-boot", "slow-terminate", "interrupt-spot-after", "notice-spot-after"}) {
            assertThat(FaultSpec.SYNTAX).as(kind).containsPattern("(?m)^  " + kind + "[:\\[ ]");
        }
        assertThat(FaultSpec.SYNTAX.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void badSpecsAreRefusedWithWhatIsWrongAndHowTheKindIsWritten() {
        assertThatThrownBy(() -> FaultSpec.parse("delay:RunInstances")).hasMessage(
                "fault 'delay:RunInstances': needs D as argument 2 (delay takes delay:ACTION:D)");
        assertThatThrownBy(() -> FaultSpec.parse("delay:RunInstances:soon"))
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> FaultSpec.parse("fail:RunInstances:Auth Failure")).hasMessageContaining("error code");
        assertThatThrownBy(() -> FaultSpec.parse("fail:RunInstances:AuthFailure:1:200"))
                .hasMessageContaining("HTTP error status");
        assertThatThrownBy(() -> FaultSpec.parse("no-capacity:m5.large:cheap")).hasMessageContaining("unknown market");
        assertThatThrownBy(() -> FaultSpec.parse("slow-boot:0s")).hasMessageContaining("positive duration");
        assertThatThrownBy(() -> FaultSpec.parse("throttle-every:2:3")).hasMessageContaining("too many arguments");
        assertThatThrownBy(() -> FaultSpec.parse("Throttle:ec2")).hasMessageContaining("unknown kind 'Throttle'");
    }

    @Test
    void countedFaultsAreUsedUpAndTheEveryNthCounterStartsWhenSet() {
        CloudFaults faults = new CloudFaults().apply("throttle:RunInstances:2", "fail:ec2:AuthFailure");

        assertThat(faults.takeError("ec2", "DescribeInstances").code()).isEqualTo("AuthFailure");
        assertThat(faults.takeError("ec2", "RunInstances").fault()).isEqualTo("throttle:RunInstances:2");
        assertThat(faults.takeError("ec2", "RunInstances").fault()).isEqualTo("throttle:RunInstances:1");
        assertThat(faults.takeError("ec2", "RunInstances")).isNull();
        assertThat(faults.specs()).isEmpty();

        faults.throttleEvery(3);
        assertThat(faults.takeError("ssm", "GetParameter")).as("not EC2: not counted").isNull();
        assertThat(faults.takeError("ec2", "A")).isNull();
        assertThat(faults.takeError("ec2", "B")).isNull();
        assertThat(faults.takeError("ec2", "C").status()).isEqualTo(503);
    }

    @Test
    void durationsReadAndWriteTheSameWay() {
        assertThat(Durations.parse("1h30m15s250ms")).isEqualTo(Duration.ofMillis(5_415_250));
        assertThat(Durations.format(Duration.ofMillis(5_415_250))).isEqualTo("1h30m15s250ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    }
}
