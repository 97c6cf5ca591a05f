package dev.spotrun.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the AWS wiring makes of the caller's endpoint and local registry variables. */
class AwsEnvironmentTest {

    @Test
    void anEndpointOnLoopbackIsALocalCloudWhoseRegistryIsItsEcr() {
        AwsEnvironment local = AwsEnvironment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:40123",
                "SPOTRUN_LOCAL_REGISTRY", "127.0.0.1:41234"));

        assertThat(local.ec2OnLoopback()).isTrue();
        assertThat(local.loopbackCidr()).isEqualTo("127.0.0.1/32");
        assertThat(local.localEcrRegistry()).isEqualTo("127.0.0.1:41234");
        assertThat(AwsEnvironment.of(Map.of("AWS_ENDPOINT_URL_EC2", "http://localhost:1")).ec2OnLoopback()).isTrue();
        assertThat(AwsEnvironment.of(Map.of("AWS_ENDPOINT_URL_EC2", "http://[::1]:1")).loopbackCidr())
                .isEqualTo("::1/128");
    }

    @Test
    void awsItselfOrAnotherHostIsNeitherAndGetsNoLocalRegistry() {
        assertThat(AwsEnvironment.of(Map.of()).ec2OnLoopback()).isFalse();
        AwsEnvironment remote = AwsEnvironment.of(Map.of("AWS_ENDPOINT_URL", "https://ec2.example.com",
                "SPOTRUN_LOCAL_REGISTRY", "127.0.0.1:41234"));
        assertThat(remote.ec2OnLoopback()).isFalse();
        assertThat(remote.localEcrRegistry()).as("a real ECR token never goes to it").isEmpty();
        assertThat(AwsEnvironment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_EC2", "https://ec2.example.com")).ec2OnLoopback()).as("per service wins").isFalse();
        assertThat(AwsEnvironment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")).ec2OnLoopback()).isFalse();
        assertThat(AwsEnvironment.of(Map.of("AWS_ENDPOINT_URL", "not a url")).ec2OnLoopback()).isFalse();
    }
}
