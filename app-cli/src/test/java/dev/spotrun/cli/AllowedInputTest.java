package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What is allowed at the limits, and what is allowed only with a warning printed before anything is created. */
class AllowedInputTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "10.0.0.0/8", "::/0", "2001:db8::/32"})
    void aWideNetworkIsAllowedWithOneWarningAlsoOnADryRun(String cidr) {
        TestCli cli = new TestCli(home);
        assertThat(cli.run("run", "--dry-run", "--allow-cidr", cidr, TestCli.IMAGE)).isZero();
        assertThat(cli.err().lines()).singleElement().asString().startsWith("spotrun: warning: --allow-cidr " + cidr
                + ": wider than /").contains("may reach the machine's Docker port");
        assertThat(cli.out()).contains("nothing is created").contains("from " + cidr);
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void theWarningComesBeforeAnythingIsCreatedAndEvenWhenQuiet() {
        TestCli cli = new TestCli(home);
        assertThat(cli.run("run", "--progress", "plain", "--allow-cidr", "0.0.0.0/0", TestCli.IMAGE, "true"))
                .isZero();
        assertThat(cli.err().lines().findFirst()).hasValueSatisfying(
                first -> assertThat(first).startsWith("spotrun: warning: --allow-cidr 0.0.0.0/0"));
        assertThat(cli.err().lines().filter(l -> l.contains("warning"))).hasSize(1);
        assertThat(cli.cloud.compute().launchRequests()).hasSize(1);

        TestCli quiet = new TestCli(home);
        assertThat(quiet.run("run", "-q", "--allow-cidr", "0.0.0.0/0", TestCli.IMAGE, "true")).isZero();
        assertThat(quiet.err().lines()).singleElement().asString().startsWith("spotrun: warning: --allow-cidr");
    }

    @Test
    void aNarrowNetworkIsQuiet() {
        for (String cidr : List.of("10.1.0.0/16", "203.0.113.7/32", "2001:db8:1::/48", "2001:db8::7/128")) {
            TestCli cli = new TestCli(home);
            assertThat(cli.run("run", "--dry-run", "--allow-cidr", cidr, TestCli.IMAGE)).as(cidr).isZero();
            assertThat(cli.err()).as(cidr).isEmpty();
        }
    }

    @Test
    void aRunAtEveryLimitIsAllowed() {
        List<String> args = new ArrayList<>(List.of("run", "--dry-run", "--ttl", "7d", "--boot-timeout", "1m",
                "--pull-timeout", "1m", "--timeout", "6d23h58m", "--stop-timeout", "7d", "--retries", "20",
                "--abandon-after", "10s",
                "--owner", "o".repeat(256), "--tag", "k".repeat(128) + "=" + "v".repeat(256), "--region",
                "eusc-de-east-1", "--zone", "eusc-de-east-1a,euc1-az1", "--subnet", "subnet-0a1b2c3d",
                "--ami", "ami-0123456789abcdef0", "--iam-instance-profile",
                "arn:aws:iam::123456789012:instance-profile/ci/spotrun", "--max-price", "0.001",
                "-t", "g5.xlarge,p4d.24xlarge", "--gpus", "all", "-w", "/src", "-u", "1000:docker", "--name",
                "j0_b.1-x", "-e", "BIG=" + "x".repeat(128 * 1024 - 1 - "BIG=".length()), "--allow-cidr",
                "2001:db8::/48"));
        for (int i = 1; i < 45; i++) {
            args.add("--tag");
            args.add("k" + i + "=v");
        }
        args.add("r.test/" + "a".repeat(248) + ":" + "t".repeat(128));
        TestCli cli = new TestCli(home);
        assertThat(cli.run(args.toArray(String[]::new))).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).contains("ttl        168h: launched now").contains("retries    20 after");
    }

    @Test
    void aDryRunChecksTheEventsFileButDoesNotCreateIt() {
        Path events = home.resolve("events.jsonl");
        TestCli cli = new TestCli(home);
        assertThat(cli.run("run", "--dry-run", "--events", events.toString(), TestCli.IMAGE)).isZero();
        assertThat(events).doesNotExist();
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void theDefaultTimeToLiveNeverExceedsSevenDays() {
        TestCli cli = new TestCli(home);
        assertThat(cli.run("run", "--dry-run", "--boot-timeout", "1m", "--pull-timeout", "1m", "--timeout",
                "6d23h58m", TestCli.IMAGE)).isZero();
        assertThat(cli.out()).contains("ttl        168h: launched now");
    }
}
