package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotrun run --shards N} over the in-memory cloud: prefixes, files, events, summary, exit code. */
@Timeout(30)
class CliFanOutTest {

    private static final String SCRIPT = "echo out $SPOTRUN_SHARD_INDEX of $SPOTRUN_SHARD_COUNT;"
            + " echo err $SPOTRUN_SHARD_INDEX >&2; printf tail; exit $SPOTRUN_SHARD_INDEX";

    @TempDir
    Path home;

    private TestCli cli;

    private TestCli cli() {
        if (cli == null) {
            cli = new TestCli(home);
        }
        return cli;
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        return cli().run(all.toArray(String[]::new));
    }

    @AfterEach
    void nothingIsLeft() {
        assertThat(cli.cloud.compute().liveInstances()).isEmpty();
        assertThat(cli.cloud.engines().runningContainers()).isEmpty();
    }

    @Test
    void everyShardsLinesCarryItsIndexOnTheirOwnStream() {
        int code = run("--shards", "3", "--progress", "plain", TestCli.IMAGE, "sh", "-c", SCRIPT);

        assertThat(code).as("the lowest failing shard's exit code").isEqualTo(1);
        assertThat(cli.out().lines().sorted()).containsExactly("[0] out 0 of 3", "[0] tail", "[1] out 1 of 3",
                "[1] tail", "[2] out 2 of 3", "[2] tail");
        assertThat(cli.err()).contains("[0] err 0\n", "[1] err 1\n", "[2] err 2\n").doesNotContain("out 0");
        assertThat(cli.err()).contains("spotrun: summary of 3 shards: exit code 1 (shard 1 is the lowest that failed)")
                .containsPattern("\\n  \\[0] exit code 0; machine i-\\w+ \\(t3.small spot in [\\w-]+\\); attempts 1 of 3;"
                        + " run sr-[0-9a-f]{12}\\n")
                .contains("  [1] exit code 1; machine ").contains("  [2] exit code 2; machine ");
        assertThat(cli.err().lines().filter(l -> l.startsWith("[1] ") && l.contains(" spotrun: "))).isNotEmpty();
        assertThat(cli.cloud.compute().launchedIds()).hasSize(3);
    }

    @Test
    void oneShardIsAPlainRunWhoseContainerStillKnowsItsShard() {
        int code = run("-q", TestCli.IMAGE, "sh", "-c", "echo $SPOTRUN_SHARD_INDEX/$SPOTRUN_SHARD_COUNT");

        assertThat(code).isZero();
        assertThat(cli.out()).isEqualTo("0/1\n");
    }

    @Test
    void anOutputDirHoldsEachShardsStreamsByteForByte() throws IOException {
        Path dir = home.resolve("out/shards");
        int code = run("--shards", "2", "-q", "--output-dir", dir.toString(), TestCli.IMAGE, "sh", "-c", SCRIPT);

        assertThat(code).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("shard-0.stdout"))).isEqualTo("out 0 of 2\ntail");
        assertThat(Files.readString(dir.resolve("shard-0.stderr"))).isEqualTo("err 0\n");
        assertThat(Files.readString(dir.resolve("shard-1.stdout"))).isEqualTo("out 1 of 2\ntail");
        assertThat(Files.readString(dir.resolve("shard-1.stderr"))).isEqualTo("err 1\n");
    }

    @Test
    void everyEventSaysWhichShardItIsAbout() throws IOException {
        Path events = home.resolve("events.jsonl");
        int code = run("--shards", "3", "--parallel", "2", "-q", "--events", events.toString(), TestCli.IMAGE,
                "true");

        assertThat(code).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).allSatisfy(node -> assertThat(node.has("shard")).isTrue());
        assertThat(lines).filteredOn(n -> n.get("type").asText().equals("RunFinished"))
                .extracting(n -> n.get("shard").asInt()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(lines).filteredOn(n -> n.get("type").asText().equals("RunStarted"))
                .extracting(n -> n.get("runId").asText()).doesNotHaveDuplicates().hasSize(3);
        assertThat(Files.readAllLines(events).get(0)).startsWith("{\"schema\":1,\"type\":\"RunStarted\",\"at\":")
                .contains("\",\"shard\":");
    }

    @Test
    void aDryRunSaysHowTheJobFansOutAndCreatesNothing() {
        int code = run("--dry-run", "--shards", "4", "--parallel", "2", TestCli.IMAGE, "true");

        assertThat(code).isZero();
        assertThat(cli.out()).contains("  shards     4 machines, 2 at a time").contains("SPOTRUN_SHARD_INDEX 0..3");
        assertThat(cli.cloud.compute().launchRequests()).isEmpty();
    }

    @Test
    void aShardWithoutCapacityFailsTheFanOutAsARunWould() {
        cli().cloud.compute().noCapacity("t3.small");
        int code = run("--shards", "2", "--progress", "none", TestCli.IMAGE, "true");

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(cli.err()).contains("spotrun: [0] ").contains("spotrun: [1] ");
    }

    @Test
    void aSignalStopsEveryShardAndGivesEveryMachineBack() {
        AtomicInteger lines = new AtomicInteger();
        cli().tapStdout(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n' && lines.incrementAndGet() == 2) {
                    new Thread(() -> cli.signals.raise("INT"), "test-signal").start();
                }
            }
        });
        int code = run("--shards", "4", "--parallel", "2", "--progress", "none", TestCli.IMAGE, "sh", "-c",
                "echo up $SPOTRUN_SHARD_INDEX; sleep infinity");

        assertThat(code).isEqualTo(ExitCodes.SIGINT);
        assertThat(cli.cloud.compute().launchedIds()).as("shards whose turn had not come never start").hasSize(2);
        assertThat(cli.err()).contains("spotrun: cancelled by SIGINT; every shard's container was stopped and its"
                + " machine terminated");
    }
}
