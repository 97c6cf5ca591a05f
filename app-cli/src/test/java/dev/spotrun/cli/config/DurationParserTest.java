package dev.spotrun.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "10m, PT10M", "6h, PT6H", "1h30m, PT1H30M", "250ms, PT0.25S", "2d, PT48H",
            "1h30m15s, PT1H30M15S", "' 5M ', PT5M"})
    void readsDurationsAsPeopleWriteThem(String text, Duration expected) {
        assertThat(DurationParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10x", "h", "1.5h", "-5m", "1h 30m", "99999999999999999999d"})
    void refusesAnythingElseSayingWhatWorks(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration").hasMessageContaining("1h30m");
    }
}
