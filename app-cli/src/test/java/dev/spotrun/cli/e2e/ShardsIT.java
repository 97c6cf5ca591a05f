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
 * {@code spotrun run --shards 3 --cloud local} as a separate process: three fake EC2 hosts at once, each shard's
 * lines prefixed with its index, its artifacts in a directory of its own, the lowest failing shard's exit code,
 * a summary line per shard, and every machine given back, also after a Ctrl-C to the process group.
 */
class ShardsIT {

    private static final String IMAGE = "spotrun/busybox:latest";
    private static final Duration LIMIT = Duration.ofMinutes(6);
    private static final Pattern INSTANCE = Pattern.compile("\"type\":\"InstanceLaunched\".*?\"id\":\"(i-[0-9a-f]+)\"");
    private static final Pattern TERMINATED = Pattern.compile(
            "\"type\":\"InstanceTerminated\",\"at\":\"[^\"]+\",\"shard\":\\d,\"attempt\":\\d+,\"instanceId\":\"(i-[0-9a-f]+)\"");

    @TempDir
    Path dir;

    @BeforeAll
    static void imagesAreBuilt() {
        LocalDocker.requireImages();
    }

    private static String[] run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--cloud", "local", "--events", "events.jsonl",
                "--shards", "3"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void threeShardsRunAtOnceAndTheLowestFailingShardDecidesTheExitCode() throws Exception {
        long start = System.nanoTime();
        Result result = new Spotrun(dir).run(LIMIT, run("--progress", "plain", "--artifact", "/report:arts", IMAGE,
                "sh", "-c", "mkdir /report; echo \"report of $SPOTRUN_SHARD_INDEX\" > /report/junit.txt;"
                        + " echo \"hello from $SPOTRUN_SHARD_INDEX of $SPOTRUN_SHARD_COUNT\"; echo \"err $SPOTRUN_SHARD_INDEX\" >&2;"
                        + " printf 'no newline'; if [ \"$SPOTRUN_SHARD_INDEX\" = 1 ]; then exit 3; fi; exit 0"));
        System.out.printf("ShardsIT: --shards 3 on the local cloud took %.1f s%n", (System.nanoTime() - start) / 1e9);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out().lines().sorted()).containsExactly("[0] hello from 0 of 3", "[0] no newline",
                "[1] hello from 1 of 3", "[1] no newline", "[2] hello from 2 of 3", "[2] no newline");
        assertThat(result.err()).contains("[0] err 0\n", "[1] err 1\n", "[2] err 2\n")
                .contains("spotrun: summary of 3 shards: exit code 3 (shard 1 is the lowest that failed)")
                .containsPattern("\\n  \\[0] exit code 0; machine i-[0-9a-f]+ \\(t3.small spot[^)]*\\); attempts 1 of 3;"
                        + " run sr-[0-9a-f]{12}\\n")
                .contains("\n  [1] exit code 3; machine i-").contains("\n  [2] exit code 0; machine i-");
        for (int shard = 0; shard < 3; shard++) {
            assertThat(dir.resolve("arts/shard-" + shard + "/report/junit.txt")).as("shard %d's artifact", shard)
                    .hasContent("report of " + shard + "\n");
        }
        nothingIsLeft(3);
    }

    @Test
    void aCtrlCToTheProcessGroupStopsEveryShardAndGivesEveryMachineBack() throws Exception {
        Spotrun.Running running = new Spotrun(dir).ownProcessGroup().start(run("--progress", "plain", IMAGE, "sh",
                "-c", "echo \"started $SPOTRUN_SHARD_INDEX\"; sleep 600"));
        running.awaitOutput(now -> now.out().lines().filter(l -> l.contains("] started ")).count() == 3, LIMIT);
        running.signalGroup("INT");
        Result result = running.await(Duration.ofMinutes(3));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(130);
        assertThat(result.err()).contains("spotrun: cancelled by SIGINT; every shard's container was stopped and its"
                + " machine terminated");
        assertThat(events()).contains("\"type\":\"ContainerStopped\"").contains("\"outcome\":\"cancelled\"");
        nothingIsLeft(3);
    }

    private String events() throws Exception {
        Path file = dir.resolve("events.jsonl");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Every machine the shards launched was terminated and its fake host is gone from the engine. */
    private void nothingIsLeft(int machines) throws Exception {
        String events = events();
        List<String> launched = ids(INSTANCE, events);
        assertThat(launched).as("one machine per shard").hasSize(machines).doesNotHaveDuplicates();
        assertThat(ids(TERMINATED, events)).containsAll(launched);
        for (String instance : launched) {
            assertThat(LocalDocker.hostsOf(instance)).as("the fake host of " + instance).isEmpty();
        }
    }

    private static List<String> ids(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        List<String> ids = new ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
