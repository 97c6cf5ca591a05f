package dev.spotrun.cli;

import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.cli.output.Reporting;
import dev.spotrun.cli.wiring.CloudConnector;
import dev.spotrun.cli.wiring.CloudSession;
import dev.spotrun.cli.wiring.LifecycleModule;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.run.Cancellation;
import dev.spotrun.domain.run.RemoteRun;
import java.time.Clock;

/**
 * Runs a validated {@link RunSettings} on its cloud: opens the reports, traps SIGINT and SIGTERM, wires the
 * lifecycle to the cloud's ports and runs it on this thread.
 */
final class RunExecution {

    private final Console console;
    private final Injector injector;
    private final CloudConnector clouds;
    private final Signals signals;
    private final Clock clock;

    @Inject
    RunExecution(Console console, Injector injector, CloudConnector clouds, Signals signals, Clock clock) {
        this.console = console;
        this.injector = injector;
        this.clouds = clouds;
        this.signals = signals;
        this.clock = clock;
    }

    /** Runs and returns spotrun's exit code: the container's, or 130/143 after a signal. */
    int run(String runId, RunSettings settings) {
        Cancellation cancellation = new Cancellation();
        try (SignalTrap trap = new SignalTrap(signals, cancellation);
             CloudSession cloud = clouds.open(settings.cloud());
             Reporting reports = Reporting.open(settings.output(), console.out(), console.err(),
                     console.errIsTerminal(), console.width(), clock, cloud.billed())) {
            RemoteRun lifecycle = injector.createChildInjector(cloud.module(), new LifecycleModule())
                    .getInstance(RemoteRun.class);
            RunSpec spec = cloud.prepare(settings.spec());
            try {
                RunResult result = lifecycle.run(runId, spec, reports.logs(), reports.listener(), cancellation);
                reports.finish();
                return trap.received() ? trap.exitCode() : result.exitCode();
            } catch (SpotrunException failure) {
                reports.finish();
                if (trap.received()) {
                    console.err().println("spotrun: " + ExitCodes.message(failure));
                    return trap.exitCode();
                }
                throw failure;
            }
        }
    }
}
