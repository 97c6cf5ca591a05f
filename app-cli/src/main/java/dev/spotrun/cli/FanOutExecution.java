package dev.spotrun.cli;

import dev.spotrun.cli.config.Cloud;
import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.cli.output.ShardReporting;
import dev.spotrun.cli.wiring.CloudSession;
import dev.spotrun.domain.fanout.FanOut;
import dev.spotrun.domain.fanout.FanOutResult;
import dev.spotrun.domain.fanout.ShardResult;
import dev.spotrun.domain.run.Cancellation;
import java.util.List;

/**
 * Runs a validated {@link RunSettings} as a fan-out: every shard on its own machine, one signal cancelling them
 * all, and spotrun's exit code by the fan-out's rule: 0 when every shard exited 0, else the lowest-index
 * failing shard's exit code (a shard that failed in spotrun maps as a single run's failure does); 130, 143 or
 * 129 after a signal.
 */
final class FanOutExecution {

    private final Console console;
    private final Signals signals;
    private final RunExecution single;

    FanOutExecution(Console console, Signals signals, RunExecution single) {
        this.console = console;
        this.signals = signals;
        this.single = single;
    }

    int run(RunSettings settings) {
        Cancellation cancellation = new Cancellation();
        boolean billed = settings.cloud().cloud() == Cloud.AWS;
        int count = settings.fanOut().plan().count();
        // The events file and the output files are opened first: a bad path is refused before any cloud is touched.
        try (ShardReporting reports = ShardReporting.open(settings.output(), settings.fanOut().outputDir(), count,
                console.out(), console.err(), console.errIsTerminal(), billed);
             SignalTrap trap = new SignalTrap(signals, cancellation);
             CloudSession cloud = single.open(settings)) {
            FanOut fanOut = new FanOut(single.lifecycle(cloud));
            FanOutResult result = fanOut.run(single.prepare(cloud, settings), settings.fanOut().plan(), reports,
                    cancellation);
            int exitCode = trap.received() ? trap.exitCode() : result.exitCode(ExitCodes::of);
            reports.finish(result, exitCode);
            report(result, trap);
            return exitCode;
        }
    }

    /** After the summary: each failure in spotrun once with what to do, machines left over, a signal. */
    private void report(FanOutResult result, SignalTrap trap) {
        List<ShardResult> failed = result.shards().stream().filter(s -> s.failure() != null).toList();
        for (ShardResult shard : failed) {
            if (!trap.received()) {
                console.err().println("spotrun: [" + shard.index() + "] " + ExitCodes.message(shard.failure()));
            }
            ExitCodes.leftOvers(shard.failure()).forEach(warning -> console.err().println("spotrun: warning: ["
                    + shard.index() + "] " + warning));
        }
        result.shards().stream().filter(s -> s.result() != null && !s.result().outputWarning().isEmpty())
                .forEach(s -> console.err().println("spotrun: warning: [" + s.index() + "] "
                        + s.result().outputWarning()));
        if (trap.received()) {
            boolean leftOver = failed.stream().anyMatch(s -> ExitCodes.leftOvers(s.failure()).findAny().isPresent());
            console.err().println("spotrun: cancelled by " + trap.signalName()
                    + (leftOver ? "" : "; every shard's container was stopped and its machine terminated"));
        }
        console.err().flush();
    }
}
