package dev.spotrun.cli.output;

import dev.spotrun.cli.config.OutputSettings;
import dev.spotrun.cli.config.ProgressMode;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.port.LogSink;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run reports, put together from the output settings: the container's output, the progress
 * display (live, plain or none), the JSON events file and the summary at the end.
 */
public final class Reporting implements AutoCloseable {

    private final PrintStream err;
    private final ProgressMode mode;
    private final ContainerOutput output;
    private final LiveProgress live;
    private final JsonEvents events;
    private final RunSummary summary;
    private final RunListener listener;
    private boolean finished;

    private Reporting(PrintStream err, ProgressMode mode, ContainerOutput output, LiveProgress live, JsonEvents events,
                      RunSummary summary, RunListener progress) {
        this.err = err;
        this.mode = mode;
        this.output = output;
        this.live = live;
        this.events = events;
        this.summary = summary;
        List<RunListener> all = new ArrayList<>();
        all.add(summary);
        if (events != null) {
            all.add(events);
        }
        all.add(progress);
        this.listener = new Listeners(all);
    }

    /**
     * Opens the reports of one run.
     *
     * @param terminal     whether stderr is a terminal
     * @param width        the terminal's width
     * @param estimateCost whether the summary estimates a cost (not on the local cloud)
     * @throws dev.spotrun.cli.config.UsageError when the events file cannot be written
     */
    public static Reporting open(OutputSettings settings, PrintStream out, PrintStream err, boolean terminal,
                                 int width, Clock clock, boolean estimateCost) {
        JsonEvents events = settings.eventsFile().isEmpty() ? null : JsonEvents.open(settings.eventsFile());
        ContainerOutput output = new ContainerOutput(out, err);
        ProgressMode mode = settings.progress().resolve(terminal);
        LiveProgress live = mode == ProgressMode.LIVE ? new LiveProgress(err, clock, width, output) : null;
        RunListener progress = switch (mode) {
            case LIVE -> live;
            case PLAIN -> new PlainProgress(err);
            default -> RunListener.none();
        };
        return new Reporting(err, mode, output, live, events, new RunSummary(estimateCost), progress);
    }

    /** Where the container's output goes. */
    public LogSink logs() {
        return output;
    }

    /** Where the lifecycle's events go. */
    public RunListener listener() {
        return listener;
    }

    /** Ends the progress display, prints the summary (unless quiet) and closes the events file. Idempotent. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (live != null) {
            live.close();
        }
        if (events != null) {
            events.close();
        }
        if (mode == ProgressMode.NONE) {
            return;
        }
        if (!output.atLineStart()) {
            err.println();
        }
        summary.lines().forEach(err::println);
        if (events != null && events.problem() != null) {
            err.println("spotrun: warning: " + events.problem());
        }
        err.flush();
    }

    @Override
    public void close() {
        finish();
    }
}
