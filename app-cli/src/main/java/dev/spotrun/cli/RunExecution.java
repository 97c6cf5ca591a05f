package dev.spotrun.cli;

import com.google.inject.Inject;
import dev.spotrun.cli.config.Cloud;
import dev.spotrun.cli.config.ProgressMode;
import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.cli.output.Reporting;
import dev.spotrun.cli.wiring.CloudConnector;
import dev.spotrun.cli.wiring.CloudPorts;
import dev.spotrun.cli.wiring.CloudSession;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.run.Cancellation;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.domain.run.RemoteRun;
import java.time.Clock;

/**
 * Runs a validated {@link RunSettings} on its cloud: opens the reports, traps SIGINT and SIGTERM, wires the
 * lifecycle to the cloud's ports and runs it on this thread.
 */
final class RunExecution {

    private final Console console;
    private final CloudConnector clouds;
    private final Signals signals;
    private final Clock clock;
    private final Sleeper sleeper;

    @Inject
    RunExecution(Console console, CloudConnector clouds, Signals signals, Clock clock, Sleeper sleeper) {
        this.console = console;
        this.clouds = clouds;
        this.signals = signals;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs and returns spotrun's exit code: the container's, or 130/143 after a signal. */
    int run(String runId, RunSettings settings) {
        if (settings.fanOut().sharded()) {
            return new FanOutExecution(console, signals, this).run(settings);
        }
        Cancellation cancellation = new Cancellation();
        boolean billed = settings.cloud().cloud() == Cloud.AWS;
        // The events file is opened first: a bad path is invalid usage, refused before any cloud is touched.
        try (Reporting reports = Reporting.open(settings.output(), console.out(), console.err(),
                console.errIsTerminal(), console.width(), clock, billed);
             SignalTrap trap = new SignalTrap(signals, cancellation);
             CloudSession cloud = open(settings)) {
            RemoteRun lifecycle = lifecycle(cloud);
            // One shard is a plain run, but its container knows it is shard 0 of 1, as a fan-out's would.
            RunSpec spec = settings.fanOut().plan().forShard(prepare(cloud, settings), 0);
            try {
                RunResult result = lifecycle.run(runId, spec, reports.logs(), reports.listener(), cancellation);
                reports.finish();
                if (trap.received()) {
                    return cancelled(trap, null);
                }
                warnIfIncomplete(result);
                return result.exitCode();
            } catch (SpotrunException failure) {
                reports.finish();
                if (trap.received()) {
                    return cancelled(trap, failure);
                }
                throw failure;
            }
        }
    }

    /** The lifecycle wired to the cloud's ports. */
    RemoteRun lifecycle(CloudSession cloud) {
        CloudPorts ports = Provisioning.get(() -> cloud.ports(clock, sleeper));
        return new RemoteRun(ports.compute(), ports.registry(), ports.engines(), clock, sleeper);
    }

    CloudSession open(RunSettings settings) {
        if (settings.cloud().cloud() == Cloud.LOCAL) {
            note(settings, "starting the local cloud on the local Docker engine");
        }
        return clouds.open(settings.cloud());
    }


    RunSpec prepare(CloudSession cloud, RunSettings settings) {
        RunSpec spec = cloud.prepare(settings.spec());
        String image = settings.spec().container().image();
        if (!spec.container().image().equals(image)) {
            note(settings, "pushing " + image + " to the local cloud's registry as " + spec.container().image());
        }
        return spec;
    }

    /** A line about what happens before the lifecycle's own events begin; none when quiet. */
    private void note(RunSettings settings, String text) {
        if (settings.output().progress() != ProgressMode.NONE) {
            console.err().println("spotrun: " + text);
            console.err().flush();
        }
    }

    /** The exit code is the container's even when some of its output may be missing; one line says so. */
    private void warnIfIncomplete(RunResult result) {
        if (!result.outputWarning().isEmpty()) {
            console.err().println("spotrun: warning: " + result.outputWarning());
            console.err().flush();
        }
    }

    /** After a signal: one line saying so, a warning if a machine could not be terminated, and 130 or 143. */
    private int cancelled(SignalTrap trap, SpotrunException failure) {
        boolean leftOver = failure != null && ExitCodes.leftOvers(failure).findAny().isPresent();
        console.err().println("spotrun: cancelled by " + trap.signalName()
                + (leftOver ? "" : "; the container was stopped and its machine terminated"));
        if (failure != null) {
            ExitCodes.leftOvers(failure).forEach(warning -> console.err().println("spotrun: warning: " + warning));
        }
        console.err().flush();
        return trap.exitCode();
    }
}
