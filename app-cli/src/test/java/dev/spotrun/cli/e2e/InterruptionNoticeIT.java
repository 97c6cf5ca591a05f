package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.e2e.Spotrun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotrun run --artifact} against {@code spotrun local-cloud --fault notice-spot-after:...}, as separate
 * processes: the cloud gives the spot machine EC2's interruption notice while the job runs; the artifact the job
 * wrote there comes back before the machine is given up, and the run goes on on a replacement.
 */
class InterruptionNoticeIT {

    private static final String IMAGE = "spotrun/busybox:latest";
    private static final Pattern STARTED =
            Pattern.compile("\"type\":\"ContainerStarted\",\"at\":\"[^\"]*\",\"attempt\":(\\d),\"containerId\":\"(\\w+)\"");

    @TempDir
    Path dir;

    @BeforeAll
    static void imagesAreBuilt() {
        LocalDocker.requireImages();
    }

    @Test
    void theNoticedMachinesArtifactComesBackAndTheReplacementFinishesTheRun() throws Exception {
        try (ServedCloud cloud = ServedCloud.start(dir, "--fault", "notice-spot-after:8s:60s")) {
            String image = cloud.push(IMAGE);

            Result run = new Spotrun(dir).onlyEnv(cloud.exported).run(Duration.ofMinutes(5), "run",
                    "--progress", "plain", "--events", "events.jsonl", "--retries", "1", "--on-demand-retries",
                    "--stop-timeout", "3s", "--artifact", "/out:got", image, "sh", "-c",
                    "mkdir -p /out && echo written on $(hostname) > /out/$(hostname).txt && echo started && sleep 25");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            String events = Files.readString(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
            List<String> containers = new ArrayList<>();
            Matcher started = STARTED.matcher(events);
            while (started.find()) {
                containers.add(started.group(2).substring(0, 12));
            }
            assertThat(containers).as(events).hasSize(2);
            assertThat(dir.resolve("got/out/" + containers.get(0) + ".txt")).as("from the noticed machine")
                    .hasContent("written on " + containers.get(0));
            assertThat(dir.resolve("got/out/" + containers.get(1) + ".txt")).as("from the replacement")
                    .hasContent("written on " + containers.get(1));
            assertThat(events).contains("\"type\":\"InterruptionNoticed\"")
                    .contains("\"reason\":\"marked-for-termination\"")
                    .doesNotContain("\"type\":\"InstanceInterrupted\"")
                    .doesNotContain("\"type\":\"ArtifactWarning\"");
            int noticed = events.indexOf("\"type\":\"InterruptionNoticed\"");
            int copied = events.indexOf("\"type\":\"FilesCopied\"", noticed);
            int terminated = events.indexOf("\"type\":\"InstanceTerminated\"", noticed);
            assertThat(copied).as("the copy, before the noticed machine is terminated").isPositive()
                    .isLessThan(terminated);
            assertThat(events).contains("\"type\":\"RetryScheduled\"");
            assertThat(run.err()).contains("will be interrupted in").contains("interruption notice for attempt 1");
        }
    }
}
