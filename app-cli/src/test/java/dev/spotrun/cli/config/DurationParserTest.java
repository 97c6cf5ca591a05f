package dev.spotrun.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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
    @ValueSource(strings = {"", "10", "10x", "h", "1.5h", "-5m", "1h 30m"})
    void refusesAnythingElseSayingWhatWorks(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration").hasMessageContaining("1h30m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999d", "100000000000000d", "9223372036854775807m",
            "106751991167300d1d", "1001d", "24001h"})
    void refusesWhatIsTooLongToAddUpWithoutOverflowing(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("far too long").hasMessageContaining("at most 7 days");
    }

    @Test
    void readsUpToTheLongestItTakes() {
        assertThat(DurationParser.parse("1000d")).isEqualTo(DurationParser.LONGEST);
        assertThat(DurationParser.parse("999d24h")).isEqualTo(DurationParser.LONGEST);
    }
}
