package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.event.RunEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilesSummaryTest {

    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void theSummarySaysWhatWasCopiedInAndOutAndHowManyWarnings() {
        RunSummary summary = new RunSummary(false);
        summary.on(new RunEvent.RunStarted(AT, "sr-1", "busybox", 1));
        summary.on(new RunEvent.FilesCopied(AT, 1, "in", "/ws", "/work", 5, 100, Duration.ZERO, false));
        summary.on(new RunEvent.FilesCopied(AT, 1, "in", "/ws", "/work", 10, 2048, Duration.ofSeconds(1), true));
        summary.on(new RunEvent.FilesCopied(AT, 1, "out", "/out", "/tmp/got", 3, 30, Duration.ofSeconds(1), true));
        summary.on(new RunEvent.ArtifactWarning(AT, 1, "/missing", "", "no such file or directory"));

        assertThat(summary.lines()).contains("  copied in 1 copy, 10 entries, " + Bytes.format(2048),
                "  artifacts 1 copy, 3 entries, " + Bytes.format(30) + "; 1 warning(s), see above");
    }

    @Test
    void theProgressTextSaysWhereTheFilesWent() {
        assertThat(EventText.describe(new RunEvent.FilesCopied(AT, 1, "out", "/out/reports", "/tmp/got", 3, 30,
                Duration.ofMillis(1500), true))).isEqualTo("attempt 1: copied /out/reports out to /tmp/got: 3 entries, "
                + Bytes.format(30) + " in " + dev.spotrun.domain.Durations.format(Duration.ofMillis(1500)));
        assertThat(EventText.describe(new RunEvent.ArtifactWarning(AT, 1, "/out", "out/../x", "leads out")))
                .isEqualTo("attempt 1: artifact /out: entry out/../x: leads out");
    }
}
