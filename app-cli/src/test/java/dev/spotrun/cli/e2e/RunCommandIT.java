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
 * {@code spotrun run --cloud local} as a separate process: the local cloud starts in it, the image is pushed to
 * its registry, a fake EC2 host boots from the real boot script and the container runs there over mutual TLS.
 */
class RunCommandIT {

    private static final String IMAGE = "spotrun/busybox:latest";
    private static final Duration LIMIT = Duration.ofMinutes(4);
    private static final Pattern INSTANCE = Pattern.compile("\"type\":\"InstanceLaunched\".*?\"id\":\"(i-[0-9a-f]+)\"");

    @TempDir
    Path dir;

    @BeforeAll
    static void imagesAreBuilt() {
        LocalDocker.requireImages();
    }

    private List<String> run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--cloud", "local", "--events", "events.jsonl"));
        all.addAll(List.of(args));
        return all;
    }

    private String events() throws Exception {
        Path file = dir.resolve("events.jsonl");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Every machine the run launched is terminated and its fake host is gone from the engine. */
    private void nothingIsLeft() throws Exception {
        String events = events();
        Matcher launched = INSTANCE.matcher(events);
        List<String> instances = new ArrayList<>();
        while (launched.find()) {
            instances.add(launched.group(1));
        }
        assertThat(instances).as("the run launched a machine").isNotEmpty();
        for (String instance : instances) {
            assertThat(events).contains("\"type\":\"InstanceTerminated\",\"at\":").contains("\"" + instance + "\"");
            assertThat(LocalDocker.hostsOf(instance)).as("the fake host of " + instance).isEmpty();
        }
    }

    @Test
    void theContainersExitCodeAndStreamsComeBackApart() throws Exception {
        Result result = new Spotrun(dir).run(LIMIT, run("-q", IMAGE, "sh", "-c",
                "echo out; echo err >&2; printf 'no newline'; exit 3").toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("out\nno newline");
        assertThat(result.err()).isEqualTo("err\n");
        nothingIsLeft();
    }

    @Test
    void aFastWritersOutputArrivesWholeAndInOrderOnBothStreams() throws Exception {
        int outBytes = 48 << 20;
        int errBytes = 8 << 20;
        Result result = new Spotrun(dir).run(LIMIT, run("-q", IMAGE, "sh", "-c", "yes 0123456789abcdef | head -c "
                + outBytes + "; yes fedcba9876543210 | head -c " + errBytes + " >&2; echo end; exit 7")
                .toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isEqualTo(7);
        assertThat(result.out().length()).isEqualTo(outBytes + 4);
        assertThat(result.out().equals(repeat("0123456789abcdef\n", outBytes) + "end\n"))
                .as("stdout, byte for byte").isTrue();
        assertThat(result.err().equals(repeat("fedcba9876543210\n", errBytes))).as("stderr, byte for byte").isTrue();
        nothingIsLeft();
    }

    private static String repeat(String line, int bytes) {
        return line.repeat(bytes / line.length() + 1).substring(0, bytes);
    }

    @Test
    void envFlagsAndEnvFilesReachTheContainerAndSuccessIsZero() throws Exception {
        Files.writeString(dir.resolve("ci.env"), "# settings\nFROM_FILE=file value\nMODE=file\n");
        Result result = new Spotrun(dir).env("TOKEN", "from-caller").run(LIMIT, run("--progress", "plain",
                "-e", "MODE=flag", "-e", "TOKEN", "--env-file", "ci.env", IMAGE, "sh", "-c",
                "echo \"$FROM_FILE|$MODE|$TOKEN\"").toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("file value|flag|from-caller\n");
        assertThat(result.err()).contains("spotrun: starting the local cloud")
                .contains("spotrun: summary of run sr-").containsPattern("result +exit code 0")
                .doesNotContain("file value");
        nothingIsLeft();
    }

    @Test
    void aJobKilledBySigkillExits137() throws Exception {
        // The container's shell is its PID 1, which SIGKILL from inside cannot end; its child can be killed,
        // and the shell passes on the 128 + 9 that the child's death gives, as a killed job does in CI.
        Result result = new Spotrun(dir).run(LIMIT, run("-q", IMAGE, "sh", "-c", "sh -c 'kill -9 $$'; exit $?")
                .toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(137);
        nothingIsLeft();
    }

    @Test
    void sigintMidRunStopsTheContainerTerminatesTheMachineAndExits130() throws Exception {
        assertThat(signalMidRun("INT")).isEqualTo(130);
    }

    @Test
    void sigtermMidRunExits143AfterTheSameCleanUp() throws Exception {
        assertThat(signalMidRun("TERM")).isEqualTo(143);
    }

    @Test
    void aSecondSigintKillsTheContainerAtOnceAndStillTerminatesTheMachine() throws Exception {
        // The shell is the container's PID 1: it ignores SIGTERM, so a graceful stop would take the whole
        // stop timeout. The second Ctrl-C must not wait for it.
        Spotrun.Running running = new Spotrun(dir).start(run("--progress", "plain", "--stop-timeout", "3m", IMAGE,
                "sh", "-c", "echo started; sleep 600").toArray(String[]::new));
        running.awaitOutput(now -> now.out().contains("started"), LIMIT);
        running.signal("INT");
        running.awaitOutput(now -> now.err().contains("cancelling: stopping the container"), Duration.ofSeconds(30));
        long second = System.nanoTime();
        running.signal("INT");
        Result result = running.await(Duration.ofMinutes(2));
        assertThat(Duration.ofNanos(System.nanoTime() - second)).as("well within the 3m stop timeout")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(130);
        assertThat(result.err()).contains("cancelling: killing the container");
        assertThat(events()).contains("\"type\":\"ContainerStopped\"");
        nothingIsLeft();
    }

    private int signalMidRun(String signal) throws Exception {
        Spotrun.Running running = new Spotrun(dir).start(run("--progress", "plain", IMAGE, "sh", "-c",
                "echo started; sleep 600").toArray(String[]::new));
        running.awaitOutput(now -> now.out().contains("started"), LIMIT);
        running.signal(signal);
        Result result = running.await(Duration.ofMinutes(2));
        assertThat(result.out()).isEqualTo("started\n");
        assertThat(result.err()).contains("container").contains("cancelled by SIG" + signal)
                .contains("the container was stopped and its machine terminated");
        assertThat(events()).contains("\"type\":\"ContainerStopped\"").contains("\"outcome\":\"cancelled\"");
        nothingIsLeft();
        return result.exitCode();
    }

    @Test
    void aDryRunAndInvalidUsageCreateNothing() throws Exception {
        Result dryRun = new Spotrun(dir).run(Duration.ofSeconds(60), run("--dry-run", IMAGE, "true")
                .toArray(String[]::new));
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("nothing is created").contains("1. t3.small spot in any zone");
        assertThat(dryRun.err()).isEmpty();

        for (List<String> invalid : List.<List<String>>of(List.of("--timeout", "10x", IMAGE), List.of("--ttl", "1m", IMAGE),
                List.of("--env-file", "missing.env", IMAGE), List.of("--market", "cheap", IMAGE),
                List.of("-t", "large", IMAGE), List.of("NOT AN IMAGE"), List.of())) {
            Result result = new Spotrun(dir).run(Duration.ofSeconds(60), run(invalid.toArray(String[]::new))
                    .toArray(String[]::new));
            assertThat(result.exitCode()).as(invalid + ": " + result).isEqualTo(2);
            assertThat(result.err().lines()).as(invalid.toString()).singleElement().asString().startsWith("spotrun: ");
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).doesNotContain("starting the local cloud");
        }
        assertThat(events()).as("no event: no run began").isEmpty();
    }
}
