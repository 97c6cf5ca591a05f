package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmiResolverTest {

    @ParameterizedTest
    @CsvSource({"m7g.large,arm64", "c6gn.xlarge,arm64", "t4g.nano,arm64", "x2gd.large,arm64", "g5g.xlarge,arm64",
            "a1.medium,arm64", "r8g.large,arm64", "m5.large,x86_64", "c7i.large,x86_64", "g4dn.xlarge,x86_64",
            "g4ad.xlarge,x86_64", "m7a.large,x86_64", "p4d.24xlarge,x86_64", "t3.micro,x86_64"})
    void gravitonTypesGetTheArmImage(String type, String architecture) {
        assertThat(AmiResolver.architecture(type)).isEqualTo(architecture);
    }
}
