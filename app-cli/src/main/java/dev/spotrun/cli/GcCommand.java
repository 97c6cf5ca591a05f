package dev.spotrun.cli;

import com.google.inject.Inject;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.cli.config.Config;
import dev.spotrun.cli.config.ConfigLocation;
import dev.spotrun.cli.wiring.CloudConnector;
import dev.spotrun.cli.wiring.CloudSession;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.domain.sweep.Sweep;
import dev.spotrun.domain.sweep.SweepReport;
import dev.spotrun.domain.sweep.SweepReport.MachineAction;
import dev.spotrun.domain.sweep.SweepReport.RunAction;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
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
                "Prints one line per machine on stdout: ID RUN OWNER EXPIRED-AT ACTION, then one per stale run: "
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

    private CallerEnvironment caller;
    private Console console;
    private CloudConnector clouds;
    private Clock clock;
    private Sleeper sleeper;

    /** Wired when gc is about to run (see {@link GuiceFactory}). */
    @Inject
    void wire(CallerEnvironment caller, Console console, CloudConnector clouds, Clock clock, Sleeper sleeper) {
        this.caller = caller;
        this.console = console;
        this.clouds = clouds;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() {
        Config config = ConfigLocation.load(root == null ? null : root.config, caller.env(), caller.userHome());
        CloudSettings settings = new RunSettingsResolver(config, caller).cloud(cloud);
        try (CloudSession session = clouds.open(settings)) {
            ComputePort compute = Provisioning.get(() -> session.ports(clock, sleeper)).compute();
            SweepReport report = new Sweep(compute, clock).sweep(dryRun);
            print(report);
            return report.clean() ? 0 : ExitCodes.FAILURE;
        }
    }

    /** One line per machine and per run on stdout, the failures and a count on stderr. */
    private void print(SweepReport report) {
        PrintStream out = console.out();
        for (SweepReport.Machine m : report.machines()) {
            failed(m.failure());
            InstanceSummary machine = m.machine();
            out.println(String.join(" ", machine.id(), or(machine.runId()), or(machine.owner()),
                    machine.expiresAt().toString(), word(m.action())));
        }
        for (SweepReport.Run run : report.runs()) {
            failed(run.failure());
            out.println(run.runId() + " " + word(run.action()));
        }
        out.flush();
        int machines = report.machines().size();
        int runs = report.runs().size();
        console.err().println("spotrun: " + machines + " expired machine(s)"
                + (dryRun ? " would be terminated" : ", " + report.count(MachineAction.TERMINATED) + " terminated")
                + "; " + runs + " stale run(s)"
                + (dryRun ? " would be released (dry run)" : ", " + report.count(RunAction.RELEASED) + " released")
                + "; live machines and runs were left alone");
        console.err().flush();
    }

    private void failed(SpotrunException failure) {
        if (failure != null) {
            console.err().println("spotrun: " + ExitCodes.message(failure));
        }
    }

    /** The action as the output's last column: {@code terminated}, {@code would-release}, ... */
    private static String word(Enum<?> action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String or(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
