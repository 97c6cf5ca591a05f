package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.AdapterFailed;
import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.NoCapacity;
import dev.spotrun.domain.failure.SpecField;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TerminateFailed;
import dev.spotrun.domain.failure.TimedOut;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

    private static final Pattern FLAG = Pattern.compile("--[a-z][a-z-]+");

    private static List<String> flagsIn(String line) {
        Matcher m = FLAG.matcher(line);
        List<String> flags = new java.util.ArrayList<>();
        while (m.find()) {
            flags.add(m.group());
        }
        return flags.stream().distinct().toList();
    }

    @Test
    void invalidUsageIsTwoCancelIs130AndEveryOtherFailureIs125() {
        assertThat(ExitCodes.of(new UsageError("x"))).isEqualTo(2);
        assertThat(ExitCodes.of(InvalidRunSpec.of(SpecField.TTL, "8d", "x"))).isEqualTo(2);
        assertThat(ExitCodes.of(new Cancelled("x"))).isEqualTo(130);
        assertThat(ExitCodes.of(new CloudRejected("AuthFailure", "denied", null))).isEqualTo(125);
        assertThat(ExitCodes.of(new TimedOut(Phase.RUN, Duration.ofMinutes(1), ""))).isEqualTo(125);
        assertThat(ExitCodes.of(new CallerAddressUnknown("https://checkip.test/", "it answered HTTP 503", true, null)))
                .isEqualTo(125);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(125);
    }

    @Test
    void everyMessageIsOneLineThatSaysWhatToDo() {
        assertThat(ExitCodes.message(new CloudRejected(CloudRejected.Subject.CREDENTIALS, "AuthFailure", "denied", null)))
                .isEqualTo("denied (AuthFailure); check the AWS credentials (--profile, AWS_PROFILE, AWS_ACCESS_KEY_ID):"
                        + " they are not valid here, or have expired");
        assertThat(ExitCodes.message(new CloudUnavailable("timeout\ncalling EC2", null)))
                .isEqualTo("timeout calling EC2; check the network, the region and AWS_ENDPOINT_URL, then try again");
        assertThat(ExitCodes.message(new ImageNotFound("busybox:nope", null))).contains("check its name and tag");
        assertThat(ExitCodes.message(new NoCapacity(List.of(new LaunchOption("t3.small", Market.SPOT, "", "")))))
                .contains("--instance-type");
        assertThat(ExitCodes.message(new InvalidRunSpec(List.of(new Problem(SpecField.TAGS, "aws:x=1", "reserved"),
                new Problem(SpecField.MACHINE, "", "too big")))))
                .isEqualTo("invalid run: --tag aws:x=1: reserved; too big");
        assertThat(ExitCodes.message(new SpotrunException("odd", false))).endsWith("run again with --debug for details");
    }

    @Test
    void onlyATrueBugGetsTheLastResort() {
        assertThat(ExitCodes.message(new IllegalStateException("bug"))).startsWith("unexpected failure")
                .endsWith("report it");
        assertThat(ExitCodes.message(new AdapterFailed("the pull step of attempt 2", new IllegalStateException("odd"))))
                .isEqualTo("the pull step of attempt 2 failed: odd; run again with --debug to see where, and report it"
                        + " if it happens again");
    }

    @ParameterizedTest
    @CsvSource({"CREDENTIALS,--profile", "PERMISSION,", "IMAGE,--ami", "SUBNET,--subnet",
            "SECURITY_GROUP,--security-group", "INSTANCE_PROFILE,--iam-instance-profile",
            "INSTANCE_TYPE,--instance-type", "ADDRESS,--subnet --private-ip", "REQUEST,--debug"})
    void aRefusalPointsAtWhatItIsAboutAndAtNothingElse(CloudRejected.Subject subject, String flags) {
        String line = ExitCodes.message(new CloudRejected(subject, "Code", "launching was refused", null));

        assertThat(flagsIn(line)).containsExactlyInAnyOrder(flags == null ? new String[0] : flags.split(" "));
    }

    @ParameterizedTest
    @CsvSource({"REGION,--region", "CREDENTIALS,--profile", "ENDPOINT,"})
    void aMissingSettingPointsAtThatSetting(CloudNotConfigured.Setting setting, String flag) {
        String line = ExitCodes.message(new CloudNotConfigured(setting, "not set up", null));

        assertThat(flagsIn(line)).containsExactlyInAnyOrder(flag == null ? new String[0] : new String[] {flag});
        if (setting == CloudNotConfigured.Setting.ENDPOINT) {
            assertThat(line).contains("AWS_ENDPOINT_URL");
        }
    }

    @Test
    void anEngineThatRefusedTlsIsNotAFirewallProblem() {
        String network = ExitCodes.message(new EngineUnreachable("1.2.3.4", "connection refused", null));
        String tls = ExitCodes.message(new EngineUnreachable("1.2.3.4", EngineUnreachable.Reason.TLS,
                "TLS handshake refused", null));

        assertThat(flagsIn(network)).containsExactlyInAnyOrder("--allow-cidr", "--security-group", "--subnet",
                "--private-ip");
        assertThat(flagsIn(tls)).isEmpty();
        assertThat(tls).contains("mutual TLS failed");
    }

    @Test
    void aCallerAddressThatCannotBeLearntAsksForTheRangeAndForAnotherTryOnlyWhenThatMayHelp() {
        String unavailable = ExitCodes.message(new CallerAddressUnknown("https://checkip.test/", "it answered HTTP 503",
                true, null));
        String garbled = ExitCodes.message(new CallerAddressUnknown("https://checkip.test/",
                "its answer is not one IP address: '<html>'", false, null));

        assertThat(unavailable).isEqualTo("this machine's public address could not be learnt from https://checkip.test/:"
                + " it answered HTTP 503; try again, or give --allow-cidr with the addresses that may reach the"
                + " machine's Docker port, e.g. this machine's public address as A.B.C.D/32");
        assertThat(garbled).doesNotContain("try again");
        assertThat(flagsIn(garbled)).containsExactly("--allow-cidr");
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

    @Test
    void theLifecyclesFailuresCarryFactsAndTheCommandLineSaysWhichFlagHelps() {
        NoCapacity noCapacity = new NoCapacity(List.of(new LaunchOption("t3.small", Market.SPOT, "", "")));
        SpotInterrupted interrupted = new SpotInterrupted("i-1", "Server.SpotInstanceTermination");
        TerminateFailed left = new TerminateFailed("i-1", new RuntimeException("throttled"));
        for (SpotrunException failure : List.of(noCapacity, interrupted, left,
                new TimedOut(Phase.PULL, Duration.ofMinutes(30), "pulling x"))) {
            assertThat(failure.getMessage()).as("below the command line no message names a flag").doesNotContain("--");
        }
        assertThat(ExitCodes.message(noCapacity)).contains("--instance-type").contains("spot-then-on-demand");
        assertThat(ExitCodes.message(interrupted)).contains("--retries").contains("--market on-demand");
        assertThat(ExitCodes.message(left)).contains("spotrun gc").contains("--abandon-after");
        assertThat(flagsIn(ExitCodes.message(new TimedOut(Phase.PULL, Duration.ofMinutes(30), "x"))))
                .containsExactly("--pull-timeout");
        assertThat(flagsIn(ExitCodes.message(new TimedOut(Phase.RUN, Duration.ofHours(6), "x"))))
                .containsExactly("--timeout");
        assertThat(ExitCodes.message(new TimedOut(Phase.BOOT, Duration.ofMinutes(10), "x"))).contains("--boot-timeout")
                .doesNotContain("--allow-cidr");
        TimedOut refusedTls = new TimedOut(Phase.BOOT, Duration.ofMinutes(10), "never answered",
                new EngineUnreachable("127.0.0.2", EngineUnreachable.Reason.TLS, "handshake", null));
        assertThat(ExitCodes.message(refusedTls)).contains("mutual TLS failed").doesNotContain("--allow-cidr");
        assertThat(ExitCodes.message(new TimedOut(Phase.BOOT, Duration.ofMinutes(10), "never answered",
                new EngineUnreachable("127.0.0.2", EngineUnreachable.Reason.NETWORK, "refused", null))))
                .contains("--allow-cidr").contains("--boot-timeout");
        assertThat(new TimedOut(Phase.BOOT, Duration.ofMinutes(10), "").getMessage())
                .isEqualTo("boot took longer than 10m");
    }
}
