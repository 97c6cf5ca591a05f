package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallerAddressTest {

    @Test
    void theCheckIpAnswerBecomesASingleAddressCidr() {
        assertThat(CallerAddress.toCidr("203.0.113.7\n")).isEqualTo("203.0.113.7/32");
        assertThat(CallerAddress.toCidr("2001:db8::1")).isEqualTo("2001:db8::1/128");
        assertThat(CallerAddress.fixed("127.0.0.1/32").cidr()).isEqualTo("127.0.0.1/32");
    }

    @Test
    void anythingElseIsRefusedWithAHint() {
        assertThatThrownBy(() -> CallerAddress.toCidr("<html>")).hasMessageContaining("--allow-cidr");
    }
}
