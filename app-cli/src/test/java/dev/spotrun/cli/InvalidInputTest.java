package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input is refused before anything is created: exit code 2, one line on stderr that names the flag and
 * says what to do, nothing on stdout, and the cloud saw nothing (no cloud opened, no launch, so no security
 * group either). {@code {dir}} in an argument is a directory holding the files the rows need.
 */
class InvalidInputTest {

    @TempDir
    Path home;

    private Path dir;

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                // Refused before this table existed.
                row("no image", "Missing required parameter: 'IMAGE'", "see 'spotrun run --help'", "run"),
                row("unknown option", "--envv", "did you mean --env", "run", "--envv", "A=1", "busybox"),
                row("bad duration", "--timeout", "1h30m", "run", "--timeout", "10x", "busybox"),
                row("bad market", "--market", "spot-then-on-demand", "run", "--market", "cheap", "busybox"),
                row("bad cloud", "--cloud", "use aws or local", "run", "--cloud", "mars", "busybox"),
                row("bad gpus", "--gpus", "'all' or a number", "run", "--gpus", "many", "busybox"),
                row("bad retries", "--retries", "is not an int", "run", "--retries", "lots", "busybox"),
                row("bad image", "the image 'Busy Box'", "must be lowercase", "run", "Busy Box"),
                row("bad instance type", "--instance-type large", "FAMILY.SIZE", "run", "-t", "large", "busybox"),
                row("tag without value", "--tag team", "use KEY=VALUE", "run", "--tag", "team", "busybox"),
                row("reserved tag", "--tag spotrun:owner=x", "reserved for spotrun's own tags; choose another key",
                        "run", "--tag", "spotrun:owner=x", "busybox"),
                row("bad cidr", "--allow-cidr 10.0.0.0", "A.B.C.D/N", "run", "--allow-cidr", "10.0.0.0", "busybox"),
                row("cidr and group", "--allow-cidr 10.0.0.0/8", "drop it or the security group (--security-group)",
                        "run", "--allow-cidr", "10.0.0.0/8", "--security-group", "sg-0123abcd", "busybox"),
                row("ttl too short", "--ttl 1h", "raise it or lower them (--boot-timeout, --pull-timeout, --timeout)",
                        "run", "--ttl", "1h", "busybox"),
                row("too many retries", "--retries 99", "between 0 and 20", "run", "--retries", "99", "busybox"),
                row("negative price", "--max-price -1", "must be positive", "run", "--max-price", "-1", "busybox"),
                row("zero timeout", "--timeout 0s", "must be positive", "run", "--timeout", "0s", "busybox"),
                row("missing env file", "--env-file", "check the path", "run", "--env-file", "/nonexistent/ci.env",
                        "busybox"),
                row("bad env name", "-e =x", "use KEY=VALUE", "run", "-e", "=x", "busybox"),
                row("missing config", "--config", "point --config or SPOTRUN_CONFIG elsewhere", "--config",
                        "/nonexistent.toml", "run", "busybox"),
                row("events file in no directory", "--events", "give --events a writable path", "run", "--events",
                        "/nonexistent/dir/e.jsonl", "busybox"),
                row("no command", "no command given", "use one of run", new String[0]),
                row("unknown command", "Unmatched argument", "see 'spotrun --help'", "launch", "busybox"),
                row("gc with a bad cloud", "--cloud", "use aws or local", "gc", "--cloud", "mars"),
                // Tags, as EC2 takes them.
                row("aws: tag", "--tag aws:x=1", "keys starting with 'aws:' are reserved by AWS; choose another key",
                        "run", "--tag", "aws:x=1", "busybox"),
                row("AWS: tag", "--tag AWS:Name=x", "reserved by AWS", "run", "--tag", "AWS:Name=x", "busybox"),
                row("more tags than EC2 allows", "--tag", "46 tags given; EC2 allows 50 per resource and spotrun sets"
                        + " 5 of its own, so give at most 45", tags(46)),
                row("tag key over 128", "--tag kkkk", "the key is 129 characters long; EC2 takes at most 128", "run",
                        "--tag", "k".repeat(129) + "=v", "busybox"),
                row("tag value over 256", "--tag k=vvv", "the value is 257 characters long; EC2 takes at most 256",
                        "run", "--tag", "k=" + "v".repeat(257), "busybox"),
                row("owner over 256", "--owner ooo", "it is a tag value, and EC2 takes at most 256", "run", "--owner",
                        "o".repeat(257), "busybox"),
                // Durations.
                row("ttl beyond 7 days", "--ttl 8d", "must be at most 7 days (7d)", "run", "--ttl", "8d", "busybox"),
                row("ttl that would overflow", "--ttl", "'100000000000000d' is far too long", "run", "--ttl",
                        "100000000000000d", "busybox"),
                row("timeout that would overflow", "--timeout", "'100000000000000d' is far too long", "run",
                        "--timeout", "100000000000000d", "busybox"),
                row("timeout beyond 7 days", "--timeout 8d", "must be at most 7 days", "run", "--timeout", "8d",
                        "busybox"),
                row("timeouts adding up past 7 days", "--timeout 7d", "adds up to 7d40m, more than the 7 days a"
                        + " machine may live; lower them (--boot-timeout, --pull-timeout)", "run", "--timeout", "7d",
                        "busybox"),
                row("stop timeout beyond 7 days", "--stop-timeout 8d", "between 0s and 7 days", "run",
                        "--stop-timeout", "8d", "busybox"),
                row("abandon window too short", "--abandon-after 5s", "must be at least 10s", "run",
                        "--abandon-after", "5s", "busybox"),
                row("abandon window beyond 7 days", "--abandon-after 8d", "must be at most 7 days", "run",
                        "--abandon-after", "8d", "busybox"),
                row("abandon window that would overflow", "--abandon-after", "is far too long", "run",
                        "--abandon-after", "100000000000000d", "busybox"),
                row("ttl in the config file beyond 7 days", "--ttl 8d (or ttl in", "ttl.toml line 1): must be at"
                        + " most 7 days", "--config", "{dir}/ttl.toml", "run", "busybox"),
                // The environment: the caller's files, and what Linux passes to a process.
                row("env file over 1 MiB", "--env-file", "larger than 1 MiB", "run", "--env-file", "{dir}/big.env",
                        "busybox"),
                row("env file not UTF-8", "--env-file", "not UTF-8 text (byte 12 is not); save the file", "run",
                        "--env-file", "{dir}/latin1.env", "busybox"),
                row("env file value with NUL", "--env-file", "nul.env line 2 holds a NUL character", "run",
                        "--env-file", "{dir}/nul.env", "busybox"),
                row("env value with NUL", "--env/--env-file TOKEN", "the value holds a NUL character", "run", "-e",
                        "TOKEN=a\0b", "busybox"),
                row("env entry over 128 KiB", "--env/--env-file BIG", "Linux passes at most 131071 (128 KiB) per"
                        + " variable", "run", "-e", "BIG=" + "x".repeat(128 * 1024), "busybox"),
                row("env entry over 128 KiB from a file", "--env/--env-file HUGE", "at most 131071 (128 KiB)", "run",
                        "--env-file", "{dir}/huge.env", "busybox"),
                row("env over 1 MiB together", "--env/--env-file: all variables together", "at most 1048576 (1 MiB)",
                        env(9, 120 * 1024)),
                // The network rule.
                row("cidr not a network address", "--allow-cidr 10.1.2.3/8", "the bits after /8 must be zero; did you"
                        + " mean 10.0.0.0/8?", "run", "--allow-cidr", "10.1.2.3/8", "busybox"),
                row("ipv6 cidr not a network address", "--allow-cidr 2001:db8::1/48", "did you mean 2001:db8::/48?",
                        "run", "--allow-cidr", "2001:db8::1/48", "busybox"),
                row("cidr of a host name", "--allow-cidr example.com/32", "not a network in CIDR form", "run",
                        "--allow-cidr", "example.com/32", "busybox"),
                // The market.
                row("max price on demand", "--max-price 0.05", "applies only to spot machines; drop it or buy spot"
                        + " (--market)", "run", "--max-price", "0.05", "--market", "on-demand", "busybox"),
                row("max price zero", "--max-price 0", "must be positive", "run", "--max-price", "0", "busybox"),
                // Names and ids EC2 and IAM take.
                row("region not a region name", "--region mars", "not a region name, e.g. eu-west-1", "run",
                        "--region", "mars", "busybox"),
                row("zone not in the region's form", "--zone eu-west", "not a zone name", "run", "--zone", "eu-west",
                        "busybox"),
                row("zone of another region", "--zone us-east-1a", "not a zone of the region eu-west-1 (--region)",
                        "run", "--region", "eu-west-1", "--zone", "us-east-1a", "busybox"),
                row("subnet not an id", "--subnet subnet-1", "subnet- and 8 or 17 hex digits", "run", "--subnet",
                        "subnet-1", "busybox"),
                row("ami not an id", "--ami ami-latest", "ami- and 8 or 17 hex digits", "run", "--ami", "ami-latest",
                        "busybox"),
                row("security group not an id", "--security-group default", "sg- and 8 or 17 hex digits", "run",
                        "--security-group", "default", "busybox"),
                row("instance profile ARN of junk", "--iam-instance-profile arn:junk", "nor its ARN"
                        + " (arn:aws:iam::ACCOUNT:instance-profile/NAME)", "run", "--iam-instance-profile",
                        "arn:junk", "busybox"),
                row("empty instance types", "--instance-type", "an instance type is empty; name one", "run", "-t",
                        ",", "busybox"),
                // The container, as Docker takes it.
                row("name Docker refuses", "--name -job", "a letter or digit followed by", "run", "--name", "-job",
                        "busybox"),
                row("workdir not absolute", "--workdir src", "must be an absolute path", "run", "-w", "src",
                        "busybox"),
                row("user malformed", "--user 'root:'", "not of the form NAME|UID[:GROUP|GID]", "run", "-u", "root:",
                        "busybox"),
                row("image name over 255", "the image", "the name is 256 characters long; Docker accepts at most"
                        + " 255", "run", "r.test/" + "a".repeat(249)),
                row("gpus on a type without", "--gpus all", "t3.small has no GPU; choose GPU instance types only"
                        + ", e.g. g5.xlarge or g6.xlarge (--instance-type)", "run", "--gpus", "all", "busybox"),
                row("gpus with one fallback without", "--gpus 1", "c6i.large has no GPU", "run", "--gpus", "1", "-t",
                        "g5.xlarge,c6i.large", "busybox"),
                // The events file of a dry run: checked, never created.
                row("dry run events in no directory", "--events", "the directory /nonexistent does not exist); give"
                        + " --events a writable path", "run", "--dry-run", "--events", "/nonexistent/x", "busybox"),
                row("dry run events to a directory", "--events", "it is a directory", "run", "--dry-run", "--events",
                        "{dir}", "busybox"),
                row("dry run of an invalid spec", "--ttl 1m", "is shorter than", "run", "--dry-run", "--ttl", "1m",
                        "busybox"),
                row("gc with a bad region", "--region eu_west_1", "not a region name", "gc", "--region",
                        "eu_west_1"),
                // Files in and out.
                row("copy of a missing source", "--copy /nonexistent/ws:/work", "no such local file or directory",
                        "run", "--copy", "/nonexistent/ws:/work", "busybox"),
                row("copy to a relative path", "--copy", "the destination 'work' is relative; give an absolute path"
                        + " in the container, e.g. /work", "run", "--copy", "{dir}:work", "busybox"),
                row("copy to an empty path", "--copy", "the destination is empty", "run", "--copy", "{dir}:",
                        "busybox"),
                row("copy without a colon", "--copy", "is not of the form SRC:DEST; e.g. ./src:/work", "run",
                        "--copy", "{dir}", "busybox"),
                row("copy of a file to the root", "--copy", "a file cannot become the container's root directory",
                        "run", "--copy", "{dir}/ttl.toml:/", "busybox"),
                row("artifact of a relative path", "--artifact out", "the container path 'out' is relative", "run",
                        "--artifact", "out", "busybox"),
                row("artifact into a file", "--artifact", "not a directory", "run", "--artifact",
                        "/out:{dir}/ttl.toml", "busybox"),
                row("artifact into an empty directory name", "--artifact '/out:'", "leave out the colon", "run",
                        "--artifact", "/out:", "busybox"),
                // The fan-out.
                row("no shards", "--shards 0", "must be between 1 and 100", "run", "--shards", "0", "busybox"),
                row("too many shards", "--shards 101", "must be between 1 and 100", "run", "--shards", "101",
                        "busybox"),
                row("shards not a number", "--shards", "is not an int", "run", "--shards", "many", "busybox"),
                row("no shard at a time", "--parallel 0", "between 1 and the number of shards (3) (--shards)", "run",
                        "--shards", "3", "--parallel", "0", "busybox"),
                row("more at a time than shards", "--parallel 4", "between 1 and the number of shards (3)", "run",
                        "--shards", "3", "--parallel", "4", "busybox"),
                row("parallel without shards", "--parallel 2", "the number of shards (1)", "run", "--parallel", "2",
                        "busybox"),
                row("output dir that is a file", "--output-dir", "is not a directory); give a writable directory",
                        "run", "--shards", "2", "--output-dir", "{dir}/ttl.toml", "busybox"),
                row("output dir under a file", "--output-dir", "is not a directory", "run", "--shards", "2",
                        "--output-dir", "{dir}/ttl.toml/out", "busybox"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void isRefusedWithOneLineBeforeAnythingIsCreated(String what, String flag, String hint, List<String> args) {
        TestCli cli = new TestCli(home);
        int code = cli.run(args.stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().lines()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("spotrun: ").contains(flag).contains(hint);
            assertThat(line).hasSizeLessThan(600);
        });
        assertThat(cli.out()).isEmpty();
        assertThat(cli.opened).as("no cloud is opened").isEmpty();
        assertThat(cli.cloud.compute().launchRequests()).isEmpty();
        assertThat(cli.cloud.compute().launchedIds()).isEmpty();
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @BeforeEach
    void files() throws IOException {
        dir = Files.createDirectory(home.resolve("inputs"));
        Files.writeString(dir.resolve("ttl.toml"), "ttl = \"8d\"\n");
        Files.writeString(dir.resolve("big.env"), "A=" + "x".repeat(1024 * 1024) + "\n");
        Files.write(dir.resolve("latin1.env"), "OK=1\nNAME=J\u00f6rg\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("nul.env"), "OK=1\nSECRET=a\0b\n");
        Files.writeString(dir.resolve("huge.env"), "HUGE=" + "y".repeat(200 * 1024) + "\n");
    }

    @Test
    void everyProblemOfARunIsReportedAtOnce() {
        TestCli cli = new TestCli(home);
        int code = cli.run("run", "-t", "large", "--tag", "spotrun:x=1", "--retries", "99", "--region", "mars",
                "busybox");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).hasLineCount(1).startsWith("spotrun: invalid run: --instance-type large: not of the"
                        + " form FAMILY.SIZE").contains("; --tag spotrun:x=1: ").contains("; --retries 99: ")
                .contains("; --region mars: ");
    }

    @Test
    void aBadValueInTheConfigFileNamesItsLine() throws Exception {
        Path config = Files.writeString(home.resolve("c.toml"), "region = \"x\"\nretries = \"many\"\n");
        TestCli cli = new TestCli(home);
        int code = cli.run("--config", config.toString(), "run", "busybox");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("c.toml line 2").contains("retries");
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void aBadMarketInTheConfigFileSaysWhatWorksWithoutTheDomainsFieldNames() throws Exception {
        Path config = Files.writeString(home.resolve("c.toml"), "market = \"cheap\"\n");
        TestCli cli = new TestCli(home);
        assertThat(cli.run("--config", config.toString(), "run", "busybox")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).isEqualTo("spotrun: " + config + " line 1: market: cheap: not a market; use spot,"
                + " on-demand or spot-then-on-demand\n");
    }

    private static Arguments row(String what, String flag, String hint, String... args) {
        return Arguments.of(what, flag, hint, List.of(args));
    }

    private static String[] tags(int count) {
        List<String> args = new ArrayList<>(List.of("run"));
        for (int i = 0; i < count; i++) {
            args.add("--tag");
            args.add("k" + i + "=v");
        }
        args.add("busybox");
        return args.toArray(String[]::new);
    }

    private static String[] env(int count, int valueBytes) {
        List<String> args = new ArrayList<>(List.of("run"));
        for (int i = 0; i < count; i++) {
            args.add("-e");
            args.add("V" + i + "=" + "x".repeat(valueBytes));
        }
        args.add("busybox");
        return args.toArray(String[]::new);
    }
}
