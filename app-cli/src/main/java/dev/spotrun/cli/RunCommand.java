package dev.spotrun.cli;

import com.google.inject.Inject;
import dev.spotrun.cli.config.Config;
import dev.spotrun.cli.config.ConfigLocation;
import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.cli.output.DryRunReport;
import dev.spotrun.domain.run.RemoteRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spotrun run [OPTIONS] IMAGE [COMMAND [ARG...]]}. Option parsing stops at IMAGE, as in
 * {@code docker run}: everything after it is the container's command.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {"Run a container on a fresh machine, like docker run, and give the machine back.",
                "Its stdout and stderr become spotrun's; its exit code becomes spotrun's exit code."},
        footerHeading = "%nExamples:%n",
        footer = {"  spotrun run busybox echo hello",
                "  spotrun run -e TOKEN -e MODE=ci --env-file ci.env my/image:1.2 ./test.sh",
                "  spotrun run -t c6i.large,c5.large --market spot-then-on-demand \\",
                "      --timeout 1h30m my/image:1.2 make test",
                "  spotrun run --gpus all -t g5.xlarge --retries 3 --on-demand-retries \\",
                "      my/trainer:2 python train.py",
                "  spotrun run --copy .:/work --artifact /work/target/reports:out my/image:1.2 \\",
                "      sh -c 'cd /work && make test'",
                "  spotrun run --dry-run --subnet subnet-0a1b2c3d,subnet-4e5f6a7b -t c6i.large my/image",
                "  spotrun run --cloud local --events run.jsonl busybox:local \\",
                "      sh -c 'echo out; echo err >&2'",
                "  spotrun run --shards 4 --parallel 2 --output-dir out my/image:1.2 \\",
                "      sh -c './test.sh --shard $SPOTRUN_SHARD_INDEX/$SPOTRUN_SHARD_COUNT'"})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    SpotrunCommand root;

    @ArgGroup(validate = false, heading = "%nContainer (as in docker run):%n", order = 1)
    ContainerOptions container = new ContainerOptions();

    @ArgGroup(validate = false, heading = "%nFiles in and out:%n", order = 1)
    FileOptions files = new FileOptions();

    @ArgGroup(validate = false, heading = "%nMachine:%n", order = 2)
    MachineOptions machine = new MachineOptions();

    @ArgGroup(validate = false, heading = "%nTime limits and retries:%n", order = 3)
    TimeOptions times = new TimeOptions();

    @ArgGroup(validate = false, heading = "%nCloud:%n", order = 4)
    CloudOptions cloud = new CloudOptions();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 5)
    OutputOptions output = new OutputOptions();

    @ArgGroup(validate = false, heading = "%nFan-out:%n", order = 6)
    ShardOptions shards = new ShardOptions();

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image, e.g. busybox:1.36 or an ECR image.")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    private CallerEnvironment caller;
    private Console console;
    private Clock clock;
    private RunExecution execution;

    /** Wired when the run is about to run (see {@link GuiceFactory}). */
    @Inject
    void wire(CallerEnvironment caller, Console console, Clock clock, RunExecution execution) {
        this.caller = caller;
        this.console = console;
        this.clock = clock;
        this.execution = execution;
    }

    @Override
    public Integer call() {
        Config config = config();
        RunSettings settings = new RunSettingsResolver(config, caller).resolve(this);
        RunChecks.beforeAnythingIsCreated(settings, config, console.err());
        String runId = RemoteRun.newRunId();
        if (settings.dryRun()) {
            DryRunReport.lines(settings, runId, clock.instant()).forEach(console.out()::println);
            console.out().flush();
            return 0;
        }
        return execution.run(runId, settings);
    }

    /** The one settings record of this run: flags over the configuration file over the defaults. */
    RunSettings settings() {
        return new RunSettingsResolver(config(), caller).resolve(this);
    }

    private Config config() {
        return ConfigLocation.load(root == null ? null : root.config, caller.env(), caller.userHome());
    }

    boolean debug() {
        return root != null && root.debug;
    }
}
