package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.config.Cloud;
import dev.spotrun.cli.config.ProgressMode;
import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.Timeouts;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses {@code spotrun run} with picocli and resolves the settings; nothing runs, nothing is created. */
class RunOptionsTest {

    @TempDir
    Path home;

    private RunSettings settings(String... args) {
        TestCli cli = new TestCli(home);
        cli.env.put("TOKEN", "s3cret");
        RunCommand command = (RunCommand) cli.parse(args);
        return command.settings();
    }

    @Test
    void optionParsingStopsAtTheImageAsInDockerRun() {
        RunSettings settings = settings("run", "-e", "A=1", "busybox", "-e", "B=2", "--help", "--", "x");
        ContainerSpec container = settings.spec().container();
        assertThat(container.image()).isEqualTo("busybox");
        assertThat(container.command()).containsExactly("-e", "B=2", "--help", "--", "x");
        assertThat(container.env()).containsExactly(Map.entry("A", "1"));
    }

    @Test
    void aDoubleDashMayEndTheOptionsBeforeTheImage() {
        RunSettings settings = settings("run", "--", "busybox", "echo");
        assertThat(settings.spec().container().image()).isEqualTo("busybox");
        assertThat(settings.spec().container().command()).containsExactly("echo");
    }

    @Test
    void everyContainerOptionReachesTheSpec(@TempDir Path dir) throws Exception {
        Path envFile = Files.writeString(dir.resolve("ci.env"), "FROM_FILE=1\nMODE=file\n");
        ContainerSpec c = settings("run", "-e", "MODE=flag", "--env", "TOKEN", "--env-file", envFile.toString(),
                "--entrypoint", "/bin/sh", "-w", "/work", "-u", "1000:1000", "-l", "team=ci", "--label", "flag",
                "--gpus", "all", "--name", "job", "busybox", "-c", "true").spec().container();
        assertThat(c.env()).containsExactly(Map.entry("FROM_FILE", "1"), Map.entry("MODE", "flag"),
                Map.entry("TOKEN", "s3cret"));
        assertThat(c.entrypoint()).containsExactly("/bin/sh");
        assertThat(c.workdir()).isEqualTo("/work");
        assertThat(c.user()).isEqualTo("1000:1000");
        assertThat(c.labels()).containsExactly(Map.entry("team", "ci"), Map.entry("flag", ""));
        assertThat(c.gpus()).isEqualTo(ContainerSpec.ALL_GPUS);
        assertThat(c.name()).isEqualTo("job");
        assertThat(c.command()).containsExactly("-c", "true");
        assertThat(settings("run", "--gpus", "2", "busybox").spec().container().gpus()).isEqualTo(2);
    }

    @Test
    void everyMachineOptionReachesTheSpec() {
        MachineSpec m = settings("run", "-t", "c6i.large", "--instance-type", "c5.large,m5.large",
                "--market", "spot-then-on-demand", "--max-price", "0.05", "--subnet", "subnet-a", "--subnet",
                "subnet-b", "--zone", "eu-west-1a", "--ami", "ami-123", "--iam-instance-profile", "ci-role",
                "--security-group", "sg-1", "--private-ip", "--tag", "team=ci", "--tag", "cost=42", "busybox")
                .spec().machine();
        assertThat(m.instanceTypes()).containsExactly("c6i.large", "c5.large", "m5.large");
        assertThat(m.market()).isEqualTo(Market.SPOT_THEN_ON_DEMAND);
        assertThat(m.maxSpotPrice()).isEqualByComparingTo(new BigDecimal("0.05"));
        assertThat(m.subnets()).containsExactly("subnet-a", "subnet-b");
        assertThat(m.zones()).containsExactly("eu-west-1a");
        assertThat(m.ami()).isEqualTo("ami-123");
        assertThat(m.iamInstanceProfile()).isEqualTo("ci-role");
        assertThat(m.securityGroup()).isEqualTo("sg-1");
        assertThat(m.usePrivateAddress()).isTrue();
        assertThat(m.tags()).containsExactly(Map.entry("team", "ci"), Map.entry("cost", "42"));
        assertThat(settings("run", "--allow-cidr", "10.0.0.0/8", "busybox").spec().machine().allowCidr())
                .isEqualTo("10.0.0.0/8");
    }

    @Test
    void aBooleanFlagTakesTrueOrFalseButNeverTheImage() {
        RunSettings explicit = settings("run", "--private-ip", "false", "--on-demand-retries", "true", "busybox");
        assertThat(explicit.spec().machine().usePrivateAddress()).isFalse();
        assertThat(explicit.spec().retry().onDemandRetries()).isTrue();
        RunSettings bare = settings("run", "--private-ip", "busybox", "echo");
        assertThat(bare.spec().machine().usePrivateAddress()).isTrue();
        assertThat(bare.spec().container().image()).isEqualTo("busybox");
    }

    @Test
    void timeLimitsRetriesCloudAndOutputReachTheSettings() {
        RunSettings s = settings("--debug", "run", "--boot-timeout", "90s", "--pull-timeout", "10m", "--timeout",
                "1h30m", "--stop-timeout", "5s", "--ttl", "3h", "--retries", "4", "--on-demand-retries", "--cloud",
                "local", "--region", "eu-west-1", "--profile", "ci", "--dry-run", "--events", "e.jsonl",
                "--owner", "jenkins", "busybox");
        RunSpec spec = s.spec();
        assertThat(spec.timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(90), Duration.ofMinutes(10),
                Duration.ofMinutes(90), Duration.ofSeconds(5)));
        assertThat(spec.ttl()).isEqualTo(Duration.ofHours(3));
        assertThat(spec.retry().retries()).isEqualTo(4);
        assertThat(spec.retry().onDemandRetries()).isTrue();
        assertThat(spec.owner()).isEqualTo("jenkins");
        assertThat(s.cloud().cloud()).isEqualTo(Cloud.LOCAL);
        assertThat(s.cloud().region()).isEqualTo("eu-west-1");
        assertThat(s.cloud().profile()).isEqualTo("ci");
        assertThat(s.dryRun()).isTrue();
        assertThat(s.output().eventsFile()).isEqualTo("e.jsonl");
        assertThat(s.output().debug()).isTrue();
        assertThat(s.output().progress()).isEqualTo(ProgressMode.AUTO);
        assertThat(settings("run", "-q", "busybox").output().progress()).isEqualTo(ProgressMode.NONE);
        assertThat(settings("run", "--progress", "plain", "busybox").output().progress())
                .isEqualTo(ProgressMode.PLAIN);
    }

    @Test
    void defaultsAreASpotT3SmallOnAwsWithATtlThatOutlivesTheTimeouts() {
        RunSettings s = settings("run", "busybox");
        assertThat(s.cloud().cloud()).isEqualTo(Cloud.AWS);
        assertThat(s.cloud().region()).isEmpty();
        assertThat(s.spec().machine().instanceTypes()).containsExactly("t3.small");
        assertThat(s.spec().machine().market()).isEqualTo(Market.SPOT);
        assertThat(s.spec().timeouts()).isEqualTo(Timeouts.defaults());
        assertThat(s.spec().ttl()).isEqualTo(Duration.ofMinutes(10 + 30 + 360 + 20));
        assertThat(s.spec().retry().retries()).isEqualTo(2);
        assertThat(s.spec().owner()).isEqualTo("tester");
        assertThat(s.dryRun()).isFalse();
        Duration longRun = settings("run", "--timeout", "12h", "busybox").spec().ttl();
        assertThat(longRun).isEqualTo(Duration.ofMinutes(10 + 30 + 720 + 20));
    }

    @Test
    void theConfigFileSetsDefaultsAndFlagsWin() throws Exception {
        Path config = home.resolve(".config/spotrun/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, String.join("\n",
                "region = \"eu-west-1\"", "instance-type = [\"c6i.large\", \"c5.large\"]", "market = \"on-demand\"",
                "timeout = \"2h\"", "retries = 5", "private-ip = true", "owner = \"team-a\"", "cloud = \"local\"",
                "[tags]", "team = \"data\"", "env = \"prod\"", ""));
        RunSettings fromFile = settings("run", "busybox");
        assertThat(fromFile.cloud().region()).isEqualTo("eu-west-1");
        assertThat(fromFile.cloud().cloud()).isEqualTo(Cloud.LOCAL);
        assertThat(fromFile.spec().machine().instanceTypes()).containsExactly("c6i.large", "c5.large");
        assertThat(fromFile.spec().machine().market()).isEqualTo(Market.ON_DEMAND);
        assertThat(fromFile.spec().timeouts().run()).isEqualTo(Duration.ofHours(2));
        assertThat(fromFile.spec().retry().retries()).isEqualTo(5);
        assertThat(fromFile.spec().machine().usePrivateAddress()).isTrue();
        assertThat(fromFile.spec().owner()).isEqualTo("team-a");
        assertThat(fromFile.spec().machine().tags()).containsExactly(Map.entry("team", "data"),
                Map.entry("env", "prod"));

        RunSettings flags = settings("run", "--region", "us-east-2", "-t", "m5.large", "--market", "spot",
                "--timeout", "5m", "--retries", "0", "--private-ip=false", "--owner", "me", "--cloud", "aws",
                "--tag", "env=dev", "busybox");
        assertThat(flags.cloud().region()).isEqualTo("us-east-2");
        assertThat(flags.cloud().cloud()).isEqualTo(Cloud.AWS);
        assertThat(flags.spec().machine().instanceTypes()).isEqualTo(List.of("m5.large"));
        assertThat(flags.spec().machine().market()).isEqualTo(Market.SPOT);
        assertThat(flags.spec().timeouts().run()).isEqualTo(Duration.ofMinutes(5));
        assertThat(flags.spec().retry().retries()).isZero();
        assertThat(flags.spec().machine().usePrivateAddress()).isFalse();
        assertThat(flags.spec().owner()).isEqualTo("me");
        assertThat(flags.spec().machine().tags()).containsExactly(Map.entry("team", "data"),
                Map.entry("env", "dev"));
    }

    @Test
    void theConfigFlagAndTheEnvironmentVariableNameTheFile(@TempDir Path dir) throws Exception {
        Path byFlag = Files.writeString(dir.resolve("flag.toml"), "region = \"by-flag\"\n");
        Path byEnv = Files.writeString(dir.resolve("env.toml"), "region = \"by-env\"\n");
        TestCli cli = new TestCli(home);
        cli.env.put("SPOTRUN_CONFIG", byEnv.toString());
        assertThat(((RunCommand) cli.parse("run", "busybox")).settings().cloud().region()).isEqualTo("by-env");
        assertThat(((RunCommand) cli.parse("--config", byFlag.toString(), "run", "busybox")).settings().cloud()
                .region()).isEqualTo("by-flag");
        assertThat(((RunCommand) cli.parse("run", "--config", byFlag.toString(), "busybox")).settings().cloud()
                .region()).isEqualTo("by-flag");
    }
}
