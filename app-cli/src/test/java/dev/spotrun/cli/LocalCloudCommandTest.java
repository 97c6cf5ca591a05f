package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotrun local-cloud}'s fault flags, over a stand-in server: what reaches the cloud, what is refused. */
@Timeout(30)
class LocalCloudCommandTest {

    @TempDir
    Path home;

    private static void serveUntilSigint(TestCli cli, String... args) throws Exception {
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> cli.run(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cli.out().contains("AWS_ENDPOINT_URL") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        cli.signals.raise("INT");
        assertThat(code.get(10, TimeUnit.SECONDS)).as(cli.err()).isEqualTo(ExitCodes.SIGINT);
    }

    @Test
    void theNamedFlagsAndEveryFaultReachTheCloudAsSpecs() throws Exception {
        TestCli cli = new TestCli(home);
        serveUntilSigint(cli, "local-cloud", "--no-capacity", "m5.large:spot", "--no-capacity", "c5.large",
                "--slow-boot", "2s", "--interrupt-spot-after", "1m30s", "--fault", "throttle-every:2",
                "--fault", "drop-answer:RunInstances:2");

        assertThat(cli.localCloudFaults).containsExactly("no-capacity:m5.large:spot", "no-capacity:c5.large",
                "slow-boot:2s", "interrupt-spot-after:1m30s", "throttle-every:2", "drop-answer:RunInstances:2");
    }

    @Test
    void aBadFaultIsOneLineAndExit2AndNothingStarts() {
        for (List<String> args : List.of(List.of("--fault", "throttle:RunInstance"), List.of("--slow-boot", "soon"),
                List.of("--no-capacity", "m5.large:cheap"), List.of("--interrupt-spot-after", "0s"),
                List.of("--fault", "explode"))) {
            TestCli cli = new TestCli(home);
            String[] all = new String[args.size() + 1];
            all[0] = "local-cloud";
            for (int i = 0; i < args.size(); i++) {
                all[i + 1] = args.get(i);
            }
            assertThat(cli.run(all)).as(args.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(args.toString()).singleElement().asString().startsWith("spotrun: ")
                    .contains("see 'spotrun local-cloud --help'");
            assertThat(cli.out()).isEmpty();
            assertThat(cli.localCloudFaults).isEmpty();
        }
    }

    @Test
    void theHelpDocumentsTheFaultLanguageAndTheControlApi() {
        TestCli cli = new TestCli(home);
        assertThat(cli.run("local-cloud", "--help")).isZero();
        assertThat(cli.out()).contains("--fault=SPEC").contains("--no-capacity=TYPE[:spot|on-demand]")
                .contains("--slow-boot=D").contains("--interrupt-spot-after=D")
                .contains("throttle-every:N").contains("not-found-after-launch:D").contains("drop-answer:ACTION[:N]")
                .contains("POST /_spotrun/instances/ID/OP").contains("SPOTRUN_LOCAL_REGISTRY");
    }
}
