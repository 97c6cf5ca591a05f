package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EcrHostTest {

    @Test
    void ecrHostsNameTheirAccountAndRegion() {
        assertThat(EcrHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
                .isEqualTo(new EcrHost("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "123456789012", "eu-west-1"));
        assertThat(EcrHost.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn").region()).isEqualTo("cn-north-1");
        assertThat(EcrHost.parse("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com").region())
                .isEqualTo("us-gov-west-1");
    }

    @Test
    void otherRegistriesAreNotEcr() {
        assertThat(EcrHost.parse("docker.io")).isNull();
        assertThat(EcrHost.parse("public.ecr.aws")).isNull();
        assertThat(EcrHost.parse("12345.dkr.ecr.eu-west-1.amazonaws.com")).isNull();
        assertThat(EcrHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example")).isNull();
        assertThat(EcrHost.parse("localhost:5000")).isNull();
    }
}
