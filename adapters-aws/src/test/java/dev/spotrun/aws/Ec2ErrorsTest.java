package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.SpotrunException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

class Ec2ErrorsTest {

    private static final LaunchOption OPTION = new LaunchOption("m5.large", Market.SPOT, "", "us-east-1a");

    static SdkException ec2(int status, String code) {
        return Ec2Exception.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("said " + code).build()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"InsufficientInstanceCapacity", "InsufficientCapacity", "SpotMaxPriceTooLow", "Unsupported",
            "MaxSpotInstanceCountExceeded", "InsufficientHostCapacity", "VcpuLimitExceeded"})
    void capacityCodesAreCapacityUnavailableForThatOption(String code) {
        SpotrunException failure = Ec2Errors.launchFailure(OPTION, ec2(code.startsWith("Insufficient") ? 500 : 400, code));

        assertThat(failure).isInstanceOfSatisfying(CapacityUnavailable.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.option()).isEqualTo(OPTION);
            assertThat(e.getMessage()).contains("said " + code);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"AuthFailure", "UnauthorizedOperation", "InvalidAMIID.NotFound", "InvalidAMIID.Malformed",
            "InvalidSubnetID.NotFound", "InvalidParameterValue", "InvalidParameterCombination"})
    void otherClientErrorsAreRejectedAtOnceWithTheirCode(String code) {
        SpotrunException failure = Ec2Errors.launchFailure(OPTION, ec2(code.equals("AuthFailure") ? 401 : 400, code));

        assertThat(failure).isInstanceOfSatisfying(CloudRejected.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("m5.large").contains(code);
    }

    @ParameterizedTest
    @CsvSource({"AuthFailure,,CREDENTIALS", "InvalidClientTokenId,,CREDENTIALS", "ExpiredToken,,CREDENTIALS",
            "UnauthorizedOperation,,PERMISSION", "AccessDeniedException,,PERMISSION",
            "InvalidAMIID.NotFound,,IMAGE", "InvalidAMIID.Malformed,,IMAGE", "ParameterNotFound,,IMAGE",
            "InvalidSubnetID.NotFound,,SUBNET", "InvalidGroup.NotFound,,SECURITY_GROUP",
            "InvalidGroupId.Malformed,,SECURITY_GROUP",
            "InvalidParameterValue,Value (nope) for parameter iamInstanceProfile.name is invalid,INSTANCE_PROFILE",
            "InvalidParameterValue,Invalid value 'm5.huge' for InstanceType.,INSTANCE_TYPE",
            "InvalidParameterValue,Invalid CIDR,REQUEST", "InvalidParameterCombination,,REQUEST", "MissingParameter,,REQUEST"})
    void aRefusalSaysWhatItIsAboutWithoutNamingAFlag(String code, String words, CloudRejected.Subject subject) {
        SdkException e = Ec2Exception.builder().statusCode(400).message(code).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode(code).errorMessage(words == null ? "said " + code : words).build()).build();

        assertThat(Ec2Errors.launchFailure(OPTION, e)).isInstanceOfSatisfying(CloudRejected.class, rejected -> {
            assertThat(rejected.subject()).isEqualTo(subject);
            assertThat(rejected.getMessage()).startsWith("launching ").endsWith("(" + code + ")").doesNotContain("--");
        });
    }

    @Test
    void aCallThatCouldNotBeSignedForWantOfCredentialsIsNotConfiguredNotUnreachable() {
        SdkClientException noCredentials = SdkClientException.create("Unable to load credentials from any of the"
                + " providers in the chain AwsCredentialsProviderChain(credentialsProviders=[...]) : ["
                + "ProfileCredentialsProvider(profileName=ci): Profile file contained no credentials for profile 'ci':"
                + " ProfileFile(sections=[])]");

        assertThat(Ec2Errors.translate("launching", noCredentials)).isInstanceOfSatisfying(CloudNotConfigured.class,
                e -> {
                    assertThat(e.setting()).isEqualTo(CloudNotConfigured.Setting.CREDENTIALS);
                    assertThat(e.getMessage()).contains("profile 'ci'").doesNotContain("ProfileFile");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void throttlingServerErrorsAndTheNetworkAreUnavailable() {
        assertThat(Ec2Errors.translate("x", ec2(503, "RequestLimitExceeded"))).isInstanceOf(CloudUnavailable.class);
        assertThat(Ec2Errors.translate("x", ec2(500, "InternalError"))).isInstanceOf(CloudUnavailable.class);
        assertThat(Ec2Errors.translate("x", SdkClientException.create("connect", new IOException("refused"))))
                .isInstanceOf(CloudUnavailable.class).hasMessageContaining("could not be reached");
    }

    @Test
    void anAbortedCallIsCancelledAndKeepsTheInterrupt() {
        try {
            assertThat(Ec2Errors.translate("waiting", AbortedException.create("aborted"))).isInstanceOf(Cancelled.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void codesAreReadSafelyFromAnyException() {
        assertThat(Ec2Errors.code(SdkClientException.create("x"))).isEmpty();
        assertThat(Ec2Errors.isCode(ec2(400, "InvalidInstanceID.NotFound"), "A", "InvalidInstanceID.NotFound")).isTrue();
        assertThat(Ec2Errors.isCapacity(new IllegalStateException())).isFalse();
    }
}
