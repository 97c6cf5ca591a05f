package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid use ends with exit code 2 and one line that says what to do, before any cloud is opened. */
class InvalidUsageTest {

    @TempDir
    Path home;

    static Stream<Arguments> invalidRuns() {
        return Stream.of(
                Arguments.of("no image", List.of("run"), "Missing required parameter: 'IMAGE'"),
                Arguments.of("unknown option", List.of("run", "--envv", "A=1", "busybox"), "did you mean --env"),
                Arguments.of("bad duration", List.of("run", "--timeout", "10x", "busybox"), "1h30m"),
                Arguments.of("bad market", List.of("run", "--market", "cheap", "busybox"), "spot-then-on-demand"),
                Arguments.of("bad cloud", List.of("run", "--cloud", "mars", "busybox"), "use aws or local"),
                Arguments.of("bad gpus", List.of("run", "--gpus", "many", "busybox"), "'all' or a number"),
                Arguments.of("bad retries", List.of("run", "--retries", "lots", "busybox"), "--retries"),
                Arguments.of("bad image", List.of("run", "Busy Box"), "lowercase"),
                Arguments.of("bad instance type", List.of("run", "-t", "large", "busybox"), "FAMILY.SIZE"),
                Arguments.of("tag without value", List.of("run", "--tag", "team", "busybox"), "use KEY=VALUE"),
                Arguments.of("reserved tag", List.of("run", "--tag", "spotrun:owner=x", "busybox"), "reserved"),
                Arguments.of("bad cidr", List.of("run", "--allow-cidr", "10.0.0.0", "busybox"), "A.B.C.D/N"),
                Arguments.of("cidr and group", List.of("run", "--allow-cidr", "10.0.0.0/8", "--security-group",
                        "sg-1", "busybox"), "drop it or the security group"),
                Arguments.of("ttl too short", List.of("run", "--ttl", "1h", "busybox"), "raise --ttl"),
                Arguments.of("too many retries", List.of("run", "--retries", "99", "busybox"), "between 0 and"),
                Arguments.of("negative price", List.of("run", "--max-price", "-1", "busybox"), "positive"),
                Arguments.of("zero timeout", List.of("run", "--timeout", "0s", "busybox"), "must be positive"),
                Arguments.of("missing env file", List.of("run", "--env-file", "/nonexistent/ci.env", "busybox"),
                        "--env-file"),
                Arguments.of("bad env name", List.of("run", "-e", "=x", "busybox"), "KEY=VALUE"),
                Arguments.of("missing config", List.of("--config", "/nonexistent.toml", "run", "busybox"),
                        "--config"),
                Arguments.of("events file in no directory", List.of("run", "--events", "/nonexistent/dir/e.jsonl",
                        "busybox"), "--events"),
                Arguments.of("no command", List.of(), "no command given"),
                Arguments.of("unknown command", List.of("launch", "busybox"), "Unmatched argument"),
                Arguments.of("gc with a bad cloud", List.of("gc", "--cloud", "mars"), "use aws or local"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRuns")
    void exitsWithTwoAfterOneLineAndCreatesNothing(String what, List<String> args, String hint) {
        TestCli cli = new TestCli(home);
        int code = cli.run(args.toArray(String[]::new));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().lines()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("spotrun: ");
            assertThat(line).contains(hint);
        });
        assertThat(cli.out()).isEmpty();
        assertThat(cli.opened).as("no cloud is opened").isEmpty();
        assertThat(cli.cloud.compute().launchRequests()).isEmpty();
    }

    @Test
    void everyProblemOfARunIsReportedAtOnce() {
        TestCli cli = new TestCli(home);
        int code = cli.run("run", "-t", "large", "--tag", "spotrun:x=1", "--retries", "99", "busybox");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("FAMILY.SIZE").contains("reserved").contains("between 0 and")
                .hasLineCount(1);
    }

    @Test
    void aBadValueInTheConfigFileNamesItsLine() throws Exception {
        Path config = Files.writeString(home.resolve("c.toml"), "region = x\nretries = many\n");
        TestCli cli = new TestCli(home);
        int code = cli.run("--config", config.toString(), "run", "busybox");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("c.toml line 2").contains("retries");
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void theDryRunIsRefusedToo() {
        TestCli cli = new TestCli(home);
        assertThat(cli.run("run", "--dry-run", "--ttl", "1m", "busybox")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.out()).isEmpty();
        List<String> lines = new ArrayList<>(cli.err().lines().toList());
        assertThat(lines).singleElement().asString().contains("time-to-live");
    }
}
