package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.config.Config;
import dev.spotrun.cli.config.ConfigFile;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTextTest {

    @Test
    void everyFieldOfARunHasTheFlagThatSetsIt() {
        assertThat(SpecField.ALL).filteredOn(field -> !field.equals(SpecField.MACHINE))
                .allSatisfy(field -> assertThat(ProblemText.setting(field)).as(field).isPresent());
        assertThat(ProblemText.setting(SpecField.MACHINE)).isEmpty();
    }

    @Test
    void aProblemBecomesTheFlagItsValueAndWhyInOneLine() {
        Problem tag = new Problem(SpecField.TAGS, "aws:x=1", "keys starting with 'aws:' are reserved by AWS;"
                + " choose another key");
        Problem ttl = new Problem(SpecField.TTL, "1h", "is shorter than the timeouts; raise it or lower them",
                List.of(SpecField.BOOT_TIMEOUT, SpecField.RUN_TIMEOUT));
        assertThat(ProblemText.line(List.of(tag, ttl), Config.empty())).isEqualTo("--tag aws:x=1: keys starting"
                + " with 'aws:' are reserved by AWS; choose another key; --ttl 1h: is shorter than the timeouts;"
                + " raise it or lower them (--boot-timeout, --timeout)");
    }

    @Test
    void aValueThatNeedsQuotesGetsThemAndAFieldWithoutFlagOnlyItsReason() {
        assertThat(ProblemText.one(new Problem(SpecField.IMAGE, "Busy Box", "must be lowercase"), Config.empty()))
                .isEqualTo("the image 'Busy Box': must be lowercase");
        assertThat(ProblemText.one(new Problem(SpecField.TAGS, "", "46 tags given"), Config.empty()))
                .isEqualTo("--tag: 46 tags given");
        assertThat(ProblemText.one(new Problem(SpecField.MACHINE, "", "the boot script is too big"), Config.empty()))
                .isEqualTo("the boot script is too big");
    }

    @Test
    void aFieldTheConfigurationFileSetsNamesItsLine() {
        Config config = ConfigFile.parse("ci.toml", List.of("region = eu-west-1", "ttl = 8d", "[tags]", "a = b"));
        assertThat(ProblemText.one(new Problem(SpecField.TTL, "8d", "must be at most 7 days"), config))
                .isEqualTo("--ttl 8d (or ttl in ci.toml line 2): must be at most 7 days");
        assertThat(ProblemText.one(new Problem(SpecField.TAGS, "aws:x=1", "reserved"), config))
                .isEqualTo("--tag aws:x=1 (or [tags] in ci.toml): reserved");
        assertThat(ProblemText.one(new Problem(SpecField.OWNER, "x", "too long"), config))
                .isEqualTo("--owner x: too long");
    }
}
