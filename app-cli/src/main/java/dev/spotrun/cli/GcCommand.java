package dev.spotrun.cli;

import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.cli.config.Config;
import dev.spotrun.cli.config.ConfigLocation;
import dev.spotrun.cli.wiring.CloudConnector;
import dev.spotrun.cli.wiring.CloudSession;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.port.ComputePort;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spotrun gc}: terminates every spotrun machine whose {@code spotrun:expires-at} tag has passed, then
 * releases what spotrun made for every expired run (its security group), including runs whose machines are
 * gone already. Machines normally end themselves at their expiry; this sweeps up after a machine that could
 * not, and after a spotrun that was killed and so never removed its run's group.
 */
@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"Terminate every spotrun machine past its expiry (tag spotrun:expires-at) and remove the "
                + "security groups spotrun left: of expired runs, also those whose machines are gone already, and of "
                + "runs none of whose machines has lived for longer than their abandon window (a spotrun that was "
                + "killed). Live machines and the groups of live runs are spared.",
                "Prints one line per machine on stdout: ID RUN OWNER EXPIRED-AT ACTION, then one per expired run: "
                        + "RUN ACTION."},
        footerHeading = "%nExamples:%n",
        footer = {"  spotrun gc --dry-run", "  spotrun gc --region eu-west-1 --profile ci"})
final class GcCommand implements Callable<Integer> {

    @ParentCommand
    SpotrunCommand root;

    @ArgGroup(validate = false, heading = "%nCloud:%n")
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--dry-run", description = "List what would be terminated and removed; change nothing.")
    boolean dryRun;

    private static final String RELEASED = "released";
    /** A machine of the run still runs (e.g. its termination failed): what it needs stays until a later gc. */
    private static final String KEPT = "kept-while-a-machine-runs";
    private static final String FAILED = "failed";

    private final CallerEnvironment caller;
    private final Console console;
    private final Injector injector;
    private final CloudConnector clouds;
    private final Clock clock;

    @Inject
    GcCommand(CallerEnvironment caller, Console console, Injector injector, CloudConnector clouds, Clock clock) {
        this.caller = caller;
        this.console = console;
        this.injector = injector;
        this.clouds = clouds;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Config config = ConfigLocation.load(root == null ? null : root.config, caller.env(), caller.userHome());
        CloudSettings settings = new RunSettingsResolver(config, caller).cloud(cloud);
        try (CloudSession session = clouds.open(settings)) {
            ComputePort compute = Provisioning.get(injector.createChildInjector(session.module()), ComputePort.class);
            int failed = sweep(compute, clock.instant());
            return failed == 0 ? 0 : ExitCodes.FAILURE;
        }
    }

    /** Returns how many machines could not be terminated and runs could not be released. */
    private int sweep(ComputePort compute, Instant now) {
        List<InstanceSummary> expired = compute.expiredInstances(now);
        List<String> runs = compute.staleRuns(now); // before terminating: the runs of expired machines too
        int unterminated = terminateAll(compute, expired);
        List<String> releases = releaseAll(compute, runs);
        console.err().println("spotrun: " + expired.size() + " expired machine(s)"
                + (dryRun ? " would be terminated" : ", " + (expired.size() - unterminated) + " terminated")
                + "; " + runs.size() + " expired run(s)"
                + (dryRun ? " would be released (dry run)" : ", " + count(releases, RELEASED) + " released")
                + "; live machines and runs were left alone");
        return unterminated + count(releases, FAILED);
    }

    private static int count(List<String> actions, String action) {
        return (int) actions.stream().filter(action::equals).count();
    }

    private int terminateAll(ComputePort compute, List<InstanceSummary> expired) {
        int failed = 0;
        for (InstanceSummary instance : expired) {
            String action = dryRun ? "would-terminate" : terminate(compute, instance);
            failed += action.equals(FAILED) ? 1 : 0;
            print(instance.id(), or(instance.runId()), or(instance.owner()), instance.expiresAt().toString(), action);
        }
        return failed;
    }

    /** The runs of the machines just terminated are among them: their groups go once the machines are gone. */
    private List<String> releaseAll(ComputePort compute, List<String> runs) {
        List<String> actions = new ArrayList<>();
        for (String run : runs) {
            String action = dryRun ? "would-release" : release(compute, run);
            actions.add(action);
            print(run, action);
        }
        return actions;
    }

    private void print(String... columns) {
        PrintStream out = console.out();
        out.println(String.join(" ", columns));
        out.flush();
    }

    private String release(ComputePort compute, String runId) {
        try {
            return compute.releaseRun(runId) ? RELEASED : KEPT;
        } catch (SpotrunException e) {
            console.err().println("spotrun: " + ExitCodes.message(e));
            return FAILED;
        }
    }

    private String terminate(ComputePort compute, InstanceSummary instance) {
        try {
            compute.terminate(instance.id());
            return "terminated";
        } catch (SpotrunException e) {
            console.err().println("spotrun: " + ExitCodes.message(e));
            return FAILED;
        }
    }

    private static String or(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
