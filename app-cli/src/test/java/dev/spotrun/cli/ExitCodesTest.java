package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.NoCapacity;
import dev.spotrun.domain.failure.SpecField;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TerminateFailed;
import dev.spotrun.domain.failure.TimedOut;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    @Test
    void invalidUsageIsTwoCancelIs130AndEveryOtherFailureIs125() {
        assertThat(ExitCodes.of(new UsageError("x"))).isEqualTo(2);
        assertThat(ExitCodes.of(InvalidRunSpec.of(SpecField.TTL, "8d", "x"))).isEqualTo(2);
        assertThat(ExitCodes.of(new Cancelled("x"))).isEqualTo(130);
        assertThat(ExitCodes.of(new CloudRejected("AuthFailure", "denied", null))).isEqualTo(125);
        assertThat(ExitCodes.of(new TimedOut(Phase.RUN, Duration.ofMinutes(1), ""))).isEqualTo(125);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(125);
    }

    @Test
    void everyMessageIsOneLineThatSaysWhatToDo() {
        assertThat(ExitCodes.message(new CloudRejected("AuthFailure", "denied", null)))
                .isEqualTo("denied (AuthFailure); check the AWS credentials (--profile, AWS_PROFILE) and that the"
                        + " IAM policy from the README is attached");
        assertThat(ExitCodes.message(new CloudUnavailable("timeout\ncalling EC2", null)))
                .isEqualTo("timeout calling EC2; check the network, the region and AWS_ENDPOINT_URL, then try again");
        assertThat(ExitCodes.message(new EngineUnreachable("1.2.3.4", "refused", null))).contains("--allow-cidr");
        assertThat(ExitCodes.message(new ImageNotFound("busybox:nope", null))).contains("check its name and tag");
        assertThat(ExitCodes.message(new NoCapacity(List.of(new LaunchOption("t3.small", Market.SPOT, "", "")))))
                .contains("--instance-type");
        assertThat(ExitCodes.message(new InvalidRunSpec(List.of(new Problem(SpecField.TAGS, "aws:x=1", "reserved"),
                new Problem(SpecField.MACHINE, "", "too big")))))
                .isEqualTo("invalid run: --tag aws:x=1: reserved; too big");
        assertThat(ExitCodes.message(new SpotrunException("odd", false))).endsWith("run again with --debug for details");
        assertThat(ExitCodes.message(new IllegalStateException("bug"))).startsWith("unexpected failure")
                .endsWith("report it");
    }

    @Test
    void aMachineThatCouldNotBeTerminatedIsNeverHidden() {
        SpotrunException failure = new CloudUnavailable("EC2 is down", null);
        failure.addSuppressed(new TerminateFailed("i-1", new RuntimeException("throttled")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ExitCodes.report(failure, false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(125);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2).last().asString()
                .startsWith("spotrun: warning: instance i-1 could not be terminated").contains("spotrun gc");
    }
}
