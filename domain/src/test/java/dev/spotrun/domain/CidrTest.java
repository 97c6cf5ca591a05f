package dev.spotrun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesIpv4AndIpv6NetworksAndSaysWhetherTheHostBitsAreZero() {
        Cidr v4 = Cidr.parse("10.1.2.3/8").orElseThrow();
        assertThat(v4.ipv6()).isFalse();
        assertThat(v4.isNetwork()).isFalse();
        assertThat(v4.network()).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("203.0.113.7/32").orElseThrow().isNetwork()).isTrue();
        Cidr v6 = Cidr.parse("2001:DB8:0:0:1::/48").orElseThrow();
        assertThat(v6.ipv6()).isTrue();
        assertThat(v6.isNetwork()).isFalse();
        assertThat(v6.network()).hasToString("2001:db8::/48");
        assertThat(Cidr.parse("::/0").orElseThrow()).hasToString("::/0");
        assertThat(Cidr.parse("2001:db8::1/128").orElseThrow()).hasToString("2001:db8::1/128");
        assertThat(Cidr.parse("fe80:0:0:1:0:0:0:1/64").orElseThrow()).hasToString("fe80:0:0:1::1/64");
        assertThat(Cidr.parse("0.0.0.0/0").orElseThrow().hostBits()).isEqualTo(32);
    }

    @Test
    void refusesWhatIsNotCidrNotationWithoutAskingDns() {
        assertThat(List.of("", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0/8", "256.0.0.0/8", "10.0.0.0/08",
                "localhost/32", "example.com/24", "::ffff:10.0.0.0/104", "2001:db8::/129", "2001:db8:::/48",
                "fe80::1%eth0/64", "10.0.0.0/8/8", " 10.0.0.0/8")).allSatisfy(
                text -> assertThat(Cidr.parse(text)).as(text).isEmpty());
    }
}
