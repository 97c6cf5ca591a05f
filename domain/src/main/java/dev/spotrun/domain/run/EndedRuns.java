package dev.spotrun.domain.run;

import dev.spotrun.domain.Ahead;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.port.ComputePort;
import java.util.List;

/**
 * Releases what earlier runs left to be released later (their security groups, which their machines held while
 * going away), on a daemon thread, while this run's first machine boots and the run itself has nothing to do. The
 * run never waits for it: at its end it reports what was released if the work is done, and otherwise leaves it
 * (a release is idempotent, and the next run asks again).
 */
final class EndedRuns {

    private final ComputePort compute;
    private final Emitter events;
    private Ahead<List<String>> released;

    EndedRuns(ComputePort compute, Emitter events) {
        this.compute = compute;
        this.events = events;
    }

    /** Starts the release, once per run. */
    synchronized void start() {
        if (released == null) {
            released = Ahead.start("the release of ended runs", "spotrun-ended-runs",
                    compute::releaseEnded);
        }
    }

    /** Emits {@link RunEvent.EndedRunsReleased} if the release is done and released something; never waits. */
    void report() {
        Ahead<List<String>> work;
        synchronized (this) {
            work = released;
        }
        if (work == null || !work.isDone()) {
            return;
        }
        List<String> runs;
        try {
            runs = work.get();
        } catch (RuntimeException failed) {
            return; // What it could not release now, the next run or gc releases.
        }
        if (!runs.isEmpty()) {
            events.emit(at -> new RunEvent.EndedRunsReleased(at, runs));
        }
    }
}
