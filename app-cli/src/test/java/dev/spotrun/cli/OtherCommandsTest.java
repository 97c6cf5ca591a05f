package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gc}, {@code local-cloud}, {@code version}, completion and help, over the in-memory cloud. */
@Timeout(30)
class OtherCommandsTest {

    @TempDir
    Path home;

    private static Instance launch(TestCli cli, String runId, Instant expiresAt) {
        LaunchRequest request = new LaunchRequest(runId, 1, new LaunchOption("t3.small", Market.SPOT, "", ""),
                MachineSpec.spot("t3.small"), cli.cloud.engines().newTrust(runId, Duration.ofHours(1)).bootstrap(), "ci", expiresAt);
        return cli.cloud.compute().launch(request);
    }

    @Test
    void gcTerminatesExpiredMachinesAndSparesLiveOnes() {
        TestCli cli = new TestCli(home);
        Instant now = cli.cloud.clock().instant();
        Instance expired = launch(cli, "sr-expired", now.minus(Duration.ofMinutes(1)));
        Instance live = launch(cli, "sr-live", now.plus(Duration.ofHours(1)));

        assertThat(cli.run("gc")).isZero();
        assertThat(cli.cloud.compute().liveInstances()).containsExactly(live.id());
        assertThat(cli.out()).isEqualTo(expired.id() + " sr-expired ci " + now.minus(Duration.ofMinutes(1))
                + " terminated\nsr-expired kept-for-later\n");
        assertThat(cli.err()).contains("1 expired machine(s), 1 terminated; 1 stale run(s), 0 released");

        cli.cloud.clock().advance(Duration.ofMinutes(1)); // the machine is terminated, and lets its run's group go
        assertThat(cli.run("gc")).isZero();
        assertThat(cli.cloud.compute().releasedRuns()).containsExactly("sr-expired", "sr-expired");
        assertThat(cli.out()).endsWith(" kept-for-later\nsr-expired released\n");
        assertThat(cli.err()).contains("0 expired machine(s), 0 terminated; 1 stale run(s), 1 released");
        cli.cloud.compute().terminate(live.id());
    }

    @Test
    void gcReleasesARunWhoseMachineIsGoneAndSparesALiveRun() {
        TestCli cli = new TestCli(home);
        Instant now = cli.cloud.clock().instant();
        Instance gone = launch(cli, "sr-gone", now.minus(Duration.ofMinutes(1)));
        Instance live = launch(cli, "sr-live", now.plus(Duration.ofHours(1)));
        cli.cloud.compute().terminate(gone.id()); // it shut itself down at its expiry; spotrun was killed before
        cli.cloud.clock().advance(Duration.ofMinutes(1)); // and it is terminated since

        assertThat(cli.run("gc", "--dry-run")).isZero();
        assertThat(cli.out()).isEqualTo("sr-gone would-release\n");
        assertThat(cli.cloud.compute().releasedRuns()).as("a dry run releases nothing").isEmpty();

        assertThat(cli.run("gc")).isZero();
        assertThat(cli.out()).endsWith("would-release\nsr-gone released\n");
        assertThat(cli.err()).contains("0 expired machine(s), 0 terminated; 1 stale run(s), 1 released");
        assertThat(cli.cloud.compute().releasedRuns()).containsExactly("sr-gone");
        assertThat(cli.cloud.compute().leftovers(now).staleRuns()).isEmpty();
        assertThat(cli.cloud.compute().liveInstances()).containsExactly(live.id());
        cli.cloud.compute().terminate(live.id());
    }

    @Test
    void gcKeepsWhatARunStillNeedsWhenItsMachineCouldNotBeTerminated() {
        TestCli cli = new TestCli(home);
        Instant now = cli.cloud.clock().instant();
        Instance stuck = launch(cli, "sr-stuck", now.minus(Duration.ofMinutes(1)));
        cli.cloud.compute().failTerminations(1);

        assertThat(cli.run("gc")).isEqualTo(ExitCodes.FAILURE);
        assertThat(cli.out()).endsWith(" failed\nsr-stuck kept-for-later\n");
        assertThat(cli.err()).contains("1 expired machine(s), 0 terminated; 1 stale run(s), 0 released");
        assertThat(cli.cloud.compute().leftovers(now).staleRuns()).as("a later gc finds it again").containsExactly("sr-stuck");
        cli.cloud.compute().terminate(stuck.id());
    }

    @Test
    void gcDryRunListsAndTerminatesNothing() {
        TestCli cli = new TestCli(home);
        Instant now = cli.cloud.clock().instant();
        Instance expired = launch(cli, "sr-expired", now.minus(Duration.ofMinutes(1)));
        assertThat(cli.run("gc", "--dry-run", "--region", "eu-west-1")).isZero();
        assertThat(cli.out()).contains(expired.id()).contains("would-terminate").contains("sr-expired would-release");
        assertThat(cli.cloud.compute().liveInstances()).containsExactly(expired.id());
        assertThat(cli.cloud.compute().releasedRuns()).isEmpty();
        assertThat(cli.opened).singleElement().satisfies(s -> assertThat(s.region()).isEqualTo("eu-west-1"));
        cli.cloud.compute().terminate(expired.id());
    }

    @Test
    void localCloudPrintsItsVariablesAndStopsOnSigint() throws Exception {
        TestCli cli = new TestCli(home);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> cli.run("local-cloud"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cli.out().contains("AWS_ENDPOINT_URL") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        cli.signals.raise("INT");
        assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCodes.SIGINT);
        assertThat(cli.out()).isEqualTo("export AWS_ENDPOINT_URL='http://127.0.0.1:1'\n");
        assertThat(cli.err()).contains("stopping the local cloud");
    }

    @Test
    void shellValuesAreQuotedSoThatTheOutputCanBeSourced() {
        assertThat(LocalCloudCommand.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void versionPrintsTheVersionOnStdout() {
        TestCli cli = new TestCli(home);
        assertThat(cli.run("version")).isZero();
        assertThat(cli.out()).startsWith("spotrun ").contains("Java 17");
        TestCli flag = new TestCli(home);
        assertThat(flag.run("--version")).isZero();
        assertThat(flag.out()).startsWith("spotrun ");
    }

    @Test
    void versionAndHelpAreAnsweredWithoutMakingTheWiring() {
        for (String[] args : new String[][] {{"version"}, {"--version"}, {"--help"}, {"run", "--help"},
                {"gc", "--help"}, {"local-cloud", "--help"}, {"run", "--bogus"}}) {
            Cli cli = new TestCli(home).cli();
            cli.execute(args);
            assertThat(cli.wired()).as(String.join(" ", args)).isFalse();
        }
        Cli gc = new TestCli(home).cli();
        assertThat(gc.execute("gc", "--dry-run")).isZero();
        assertThat(gc.wired()).as("a command that works is wired").isTrue();
    }

    @Test
    void completionIsGeneratedForEveryCommand() {
        TestCli cli = new TestCli(home);
        assertThat(cli.run("generate-completion")).isZero();
        assertThat(cli.out()).contains("complete -F").contains("spotrun").contains("local-cloud")
                .contains("--instance-type").contains("--env-file");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"run", "gc", "local-cloud", "version"}) {
            TestCli cli = new TestCli(home);
            assertThat(cli.run(command, "--help")).as(command).isZero();
            assertThat(cli.out()).as(command).contains("Usage: spotrun " + command).contains("Example");
        }
        TestCli top = new TestCli(home);
        assertThat(top.run("--help")).isZero();
        assertThat(top.out()).contains("Examples:").contains("Exit codes");
    }

    @Test
    void onlyTheCommandNamedIsBuiltAndEveryOneWhenNoneOrAnUnknownOneIsNamed() {
        Cli version = new TestCli(home).cli();
        assertThat(version.execute("version")).isZero();
        assertThat(version.commandLine().getSubcommands()).containsOnlyKeys("version");
        Cli run = new TestCli(home).cli();
        run.execute("--config", "gc", "run", "--help");
        assertThat(run.commandLine().getSubcommands()).containsOnlyKeys("run");
        assertThat(new TestCli(home).cli().commandLine().getSubcommands())
                .containsOnlyKeys("run", "gc", "local-cloud", "version", "generate-completion");
        TestCli mistyped = new TestCli(home);
        assertThat(mistyped.run("versoin")).isEqualTo(ExitCodes.USAGE);
        assertThat(mistyped.err()).contains("did you mean version");
        TestCli debugRun = new TestCli(home);
        assertThat(debugRun.run("--debug", "run", "--help")).isZero();
        assertThat(debugRun.out()).contains("Usage: spotrun run");
    }
}
