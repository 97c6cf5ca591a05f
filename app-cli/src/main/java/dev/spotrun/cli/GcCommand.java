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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spotrun gc}: terminates every spotrun machine whose {@code spotrun:expires-at} tag has passed, and
 * releases what spotrun made for those runs (their security groups). Machines normally end themselves at their
 * expiry; this sweeps up after a machine that could not, or a spotrun that was killed.
 */
@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"Terminate every spotrun machine past its expiry (tag spotrun:expires-at) and remove the "
                + "security groups spotrun left for those runs. Live machines are spared.",
                "Prints one line per machine on stdout: ID RUN OWNER EXPIRED-AT ACTION."},
        footerHeading = "%nExamples:%n",
        footer = {"  spotrun gc --dry-run", "  spotrun gc --region eu-west-1 --profile ci"})
final class GcCommand implements Callable<Integer> {

    @ParentCommand
    SpotrunCommand root;

    @ArgGroup(validate = false, heading = "%nCloud:%n")
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--dry-run", description = "List what would be terminated; change nothing.")
    boolean dryRun;

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

    /** Returns how many machines could not be terminated. */
    private int sweep(ComputePort compute, Instant now) {
        PrintStream out = console.out();
        List<InstanceSummary> expired = compute.expiredInstances(now);
        Set<String> runs = new LinkedHashSet<>();
        int failed = 0;
        for (InstanceSummary instance : expired) {
            String action = dryRun ? "would-terminate" : terminate(compute, instance);
            failed += action.equals("terminated") || dryRun ? 0 : 1;
            out.println(String.join(" ", instance.id(), or(instance.runId()), or(instance.owner()),
                    instance.expiresAt().toString(), action));
            out.flush();
            runs.add(instance.runId());
        }
        if (!dryRun) {
            runs.stream().filter(run -> !run.isEmpty()).forEach(compute::releaseRun);
        }
        console.err().println("spotrun: " + expired.size() + " expired machine(s)"
                + (dryRun ? " would be terminated (dry run)" : ", " + (expired.size() - failed) + " terminated")
                + "; live machines were left alone");
        return failed;
    }

    private String terminate(ComputePort compute, InstanceSummary instance) {
        try {
            compute.terminate(instance.id());
            return "terminated";
        } catch (SpotrunException e) {
            console.err().println("spotrun: " + ExitCodes.message(e));
            return "failed";
        }
    }

    private static String or(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
