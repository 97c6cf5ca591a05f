package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.CloudRejected;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotrun run} through the whole command line, over the in-memory cloud: exit codes, the two streams,
 * the events file, the summary, signals. No process and no Docker; time is virtual.
 */
@Timeout(30)
class CliRunTest {

    @TempDir
    Path home;

    private TestCli cli;

    private TestCli cli() {
        if (cli == null) {
            cli = new TestCli(home);
        }
        return cli;
    }

    @AfterEach
    void noMachineAndNoContainerIsLeft() {
        if (cli != null) {
            assertThat(cli.cloud.compute().liveInstances()).isEmpty();
            assertThat(cli.cloud.engines().runningContainers()).isEmpty();
            // After a signal spotrun keeps them to the end, so that a late one cannot change the exit code.
            assertThat(cli.signals.trapped()).as("the signal handlers are given back")
                    .isEqualTo(cli.signals.raised());
        }
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        return cli().run(all.toArray(String[]::new));
    }

    @Test
    void theContainersExitCodeAndStreamsPassThroughApart() {
        int code = run("-q", TestCli.IMAGE, "sh", "-c", "echo out; echo err >&2; echo more; exit 3");
        assertThat(code).isEqualTo(3);
        assertThat(cli.out()).isEqualTo("out\nmore\n");
        assertThat(cli.err()).isEqualTo("err\n");
    }

    @Test
    void outputThatBreaksAfterTheExitStillExitsWithTheContainersCodeAndOneWarningLine() throws Exception {
        cli().cloud.engines().breakOutputAfter(1);
        Path events = home.resolve("events.jsonl");
        int code = run("-q", "--events", events.toString(), TestCli.IMAGE, "sh", "-c", "echo out; echo more; exit 3");
        assertThat(code).isEqualTo(3);
        assertThat(cli.out()).isEqualTo("out\n");
        assertThat(cli.err().lines()).singleElement().asString()
                .startsWith("spotrun: warning: the container's output may be incomplete: ");
        assertThat(Files.readString(events))
                .contains("\"type\":\"ContainerExited\"").contains("\"exitCode\":3,").contains("\"outputComplete\":false");
    }

    @Test
    void successIsZeroAndTheProgressAndSummaryGoToStderrOnly() {
        int code = run("--progress", "plain", TestCli.IMAGE, "sh", "-c", "echo hello");
        assertThat(code).isZero();
        assertThat(cli.out()).isEqualTo("hello\n");
        assertThat(cli.err()).contains(" spotrun: attempt 1: requesting t3.small spot in any zone")
                .contains("spotrun: summary of run sr-")
                .containsPattern("result +exit code 0")
                .containsPattern("machine +i-\\S+ \\(t3.small spot")
                .containsPattern("attempts +1 of 3")
                .containsPattern("time +launch .*boot .*connect .*pull .*run .*terminate")
                .containsPattern("cost +~\\$0\\.\\d{4} \\(estimate: .* of t3.small at \\$0.0208/h");
    }

    @Test
    void envFlagsAndEnvFilesReachTheContainer() throws Exception {
        Path envFile = Files.writeString(home.resolve("ci.env"), "FROM_FILE=file value\nMODE=file\n");
        cli().env.put("TOKEN", "from-caller");
        int code = run("-q", "-e", "MODE=flag", "-e", "TOKEN", "--env-file", envFile.toString(), TestCli.IMAGE,
                "sh", "-c", "echo $FROM_FILE; echo $MODE; echo $TOKEN");
        assertThat(code).isZero();
        assertThat(cli.out()).isEqualTo("file value\nflag\nfrom-caller\n");
        assertThat(cli.cloud.engines().containers()).singleElement().satisfies(c -> assertThat(c.spec().env())
                .containsExactly(Map.entry("FROM_FILE", "file value"), Map.entry("MODE", "flag"),
                        Map.entry("TOKEN", "from-caller"), Map.entry("SPOTRUN_SHARD_INDEX", "0"),
                        Map.entry("SPOTRUN_SHARD_COUNT", "1")));
    }

    @Test
    void theEventsFileHoldsEveryEventAsOneJsonObjectPerLine() throws Exception {
        Path events = home.resolve("events.jsonl");
        assertThat(run("-q", "--events", events.toString(), TestCli.IMAGE, "sh", "-c", "exit 0")).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            all.add(json.readTree(line));
        }
        assertThat(all).filteredOn(n -> n.get("type").asText().equals("PhaseStarted"))
                .extracting(n -> n.get("phase").asText())
                .containsExactly("launch", "boot", "connect", "pull", "run", "terminate");
        assertThat(all).filteredOn(n -> n.get("type").asText().equals("PhaseEnded"))
                .allSatisfy(n -> assertThat(n.get("completed").asBoolean()).isTrue()).hasSize(6);
        List<JsonNode> lines = all.stream().filter(n -> !n.get("type").asText().startsWith("Phase")).toList();
        assertThat(lines).extracting(n -> n.get("type").asText()).startsWith("RunStarted", "LaunchRequested",
                "InstanceLaunched", "InstanceRunning", "EngineReady").contains("ImagePulled", "ContainerStarted",
                "ContainerExited", "InstanceTerminated", "AttemptFinished").endsWith("RunFinished");
        JsonNode launched = lines.get(2);
        assertThat(launched.get("instance").get("instanceType").asText()).isEqualTo("t3.small");
        assertThat(launched.get("instance").get("market").asText()).isEqualTo("spot");
        assertThat(lines.get(lines.size() - 1).get("exitCode").asInt()).isZero();
        assertThat(all).allSatisfy(n -> assertThat(n.get("at").asText()).endsWith("Z"));
        assertThat(all).allSatisfy(n -> assertThat(n.get("schema").asInt()).isEqualTo(1));
    }

    @Test
    void aCloudFailureIs125WithOneLineThatSaysWhatToDo() {
        cli().cloud.compute().rejectLaunches(CloudRejected.Subject.PERMISSION, "UnauthorizedOperation",
                "You are not authorized");
        int code = run("-q", TestCli.IMAGE, "true");
        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(cli.err().lines()).singleElement().asString().startsWith("spotrun: ")
                .contains("UnauthorizedOperation").contains("IAM policy");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void noCapacityAnywhereIs125AndNamesTheWayOut() {
        cli().cloud.compute().noCapacity("t3.small");
        assertThat(run("-q", TestCli.IMAGE, "true")).isEqualTo(ExitCodes.FAILURE);
        assertThat(cli.err()).contains("no capacity").contains("--instance-type").doesNotContain("\tat ");
    }

    @Test
    void debugAddsTheStackTrace() {
        cli().cloud.compute().noCapacity("t3.small");
        assertThat(cli().run("--debug", "run", "-q", TestCli.IMAGE, "true")).isEqualTo(ExitCodes.FAILURE);
        assertThat(cli.err()).contains("\tat dev.spotrun.");
    }

    @Test
    void aSpotInterruptionIsRetriedOnANewMachineAndCounted() {
        cli().cloud.compute().interruptAt(Phase.RUN);
        int code = run("--progress", "plain", TestCli.IMAGE, "sh", "-c", "echo hi");
        assertThat(code).isZero();
        assertThat(cli.err()).contains("was interrupted").containsPattern("attempts +2 of 3");
        assertThat(cli.cloud.compute().launchedIds()).hasSize(2);
    }

    @Test
    void sigintMidRunStopsTheContainerTerminatesTheMachineAndExits130() {
        assertThat(runAndSignal("INT")).isEqualTo(ExitCodes.SIGINT);
        assertThat(cli.cloud.engines().containers()).singleElement().satisfies(c -> {
            assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(10));
            assertThat(c.running()).isFalse();
        });
        assertThat(cli.cloud.compute().terminateCalls()).hasSize(1);
        assertThat(cli.err()).contains("cancelled");
    }

    @Test
    void sigtermMidRunExits143AfterTheSameCleanUp() {
        assertThat(runAndSignal("TERM")).isEqualTo(ExitCodes.SIGTERM);
        assertThat(cli.cloud.compute().terminateCalls()).hasSize(1);
    }

    @Test
    void aSecondSigintKillsTheContainerAtOnceButStillTerminates() {
        cli().tapStdout(onFirstOutput(() -> {
            cli.signals.raise("INT");
            cli.signals.raise("INT");
        }));
        int code = run("-q", TestCli.IMAGE, "sh", "-c", "trap '' TERM; echo started; sleep infinity");
        assertThat(code).isEqualTo(ExitCodes.SIGINT);
        assertThat(cli.cloud.compute().terminateCalls()).hasSize(1);
        assertThat(cli.cloud.engines().containers()).singleElement().satisfies(c ->
                assertThat(c.running()).isFalse());
    }

    private int runAndSignal(String signal) {
        cli().tapStdout(onFirstOutput(() -> cli.signals.raise(signal)));
        return run("-q", TestCli.IMAGE, "sh", "-c", "echo started; sleep infinity");
    }

    /** Runs {@code action} on a thread of its own once the container printed something. */
    private static OutputStream onFirstOutput(Runnable action) {
        return new OutputStream() {
            private boolean fired;

            @Override
            public synchronized void write(int b) {
                if (!fired) {
                    fired = true;
                    new Thread(action, "test-signal").start();
                }
            }
        };
    }

    @Test
    void aDryRunShowsTheLaunchOrderAndCreatesNothing() {
        int code = run("--dry-run", "-t", "c6i.large,c5.large", "--market", "spot-then-on-demand", "--zone",
                "eu-west-1a", "--zone", "eu-west-1b", "--tag", "team=ci", "-e", "SECRET=hunter2", TestCli.IMAGE,
                "make", "test");
        assertThat(code).isZero();
        assertThat(cli.opened).isEmpty();
        assertThat(cli.cloud.compute().launchRequests()).isEmpty();
        String out = cli.out();
        assertThat(out).contains("nothing is created")
                .containsSubsequence("1. c6i.large spot in eu-west-1a", "2. c6i.large spot in eu-west-1b",
                        "3. c5.large spot in eu-west-1a", "4. c5.large spot in eu-west-1b",
                        "5. c6i.large on-demand in eu-west-1a", "8. c5.large on-demand in eu-west-1b")
                .contains("the latest Amazon Linux 2023").contains("TCP 2376").contains("team=ci")
                .contains("spotrun:owner=tester").contains("spotrun:expires-at=").contains("make test")
                .contains("SECRET (values not shown)").doesNotContain("hunter2");
    }
}
