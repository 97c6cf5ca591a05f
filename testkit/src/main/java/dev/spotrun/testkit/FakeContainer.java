package dev.spotrun.testkit;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.LogStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A container of a fake engine. Its program is planned by {@link FakeShell} when it starts; output is
 * available at once, finite sleeps take virtual time only (they count toward the run timeout), and
 * {@code sleep infinity} blocks for real until the container is stopped or its host goes down.
 */
final class FakeContainer {

    /** Exit code of a container killed by SIGKILL, as Docker reports it. */
    static final int KILLED = 137;
    /** Exit code of a container that ended on SIGTERM. */
    static final int TERMINATED = 143;

    private final String id;
    private final ContainerSpec spec;
    private final List<String> argv;
    private final List<LogChunk> output = new ArrayList<>();
    private Duration plannedRuntime = Duration.ZERO;
    private boolean forever;
    private boolean ignoresTerm;
    private int plannedExit;
    private boolean started;
    private boolean attachedBeforeStart;
    private Integer exitCode;
    private boolean lost;
    private Duration stopGrace;
    private final FakeFiles files = new FakeFiles();

    record LogChunk(LogStream stream, byte[] bytes) {
    }

    FakeContainer(String id, ContainerSpec spec, List<String> argv) {
        this.id = id;
        this.spec = spec;
        this.argv = List.copyOf(argv);
    }

    String id() {
        return id;
    }

    ContainerSpec spec() {
        return spec;
    }

    /** Its file system, which copies fill and artifacts read. */
    FakeFiles files() {
        return files;
    }

    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (FakeShell.Step step : new FakeShell(spec.env(), spec.workdir(), spec.user()).plan(argv)) {
            if (forever) {
                break;
            }
            if (step instanceof FakeShell.Output out) {
                output.add(new LogChunk(out.stream(), out.bytes()));
            } else if (step instanceof FakeShell.Sleep sleep) {
                if (sleep.duration() == null) {
                    forever = true;
                } else {
                    plannedRuntime = plannedRuntime.plus(sleep.duration());
                }
            } else if (step instanceof FakeShell.IgnoreTerm) {
                ignoresTerm = true;
            } else if (step instanceof FakeShell.Exit exit) {
                plannedExit = exit.code();
            }
        }
        notifyAll();
    }

    synchronized boolean started() {
        return started;
    }

    /** A client attached to its output: noted only before the start, as an engine attaches only to what comes. */
    synchronized void attach() {
        if (!started) {
            attachedBeforeStart = true;
        }
    }

    synchronized boolean attachedBeforeStart() {
        return attachedBeforeStart;
    }

    /** Whether the output chunk at {@code index} exists already. */
    synchronized boolean hasChunk(int index) {
        return index < output.size();
    }

    /** How long it runs by itself, or null when only a stop ends it. */
    synchronized Duration plannedRuntime() {
        return forever ? null : plannedRuntime;
    }

    /** Ends the container by itself, at the end of its planned runtime. */
    synchronized void finish() {
        if (exitCode == null) {
            exitCode = plannedExit;
            notifyAll();
        }
    }

    /** Stops it: SIGTERM, which it may ignore, then SIGKILL after the grace period. */
    synchronized void stop(Duration grace) {
        if (exitCode != null || !started) {
            if (!started) {
                exitCode = 0;
            }
            return;
        }
        stopGrace = grace;
        exitCode = ignoresTerm || grace.isZero() ? KILLED : TERMINATED;
        notifyAll();
    }

    /** Whether SIGTERM is ignored, so a stop waits the whole grace period. */
    synchronized boolean ignoresTerm() {
        return ignoresTerm;
    }

    /** Its host went away: output ends and no exit code will come. */
    synchronized void lose() {
        lost = true;
        notifyAll();
    }

    /** Blocks until it exited or was lost; returns the exit code, or null when lost. */
    synchronized Integer awaitEnd() throws InterruptedException {
        while (exitCode == null && !lost) {
            wait();
        }
        return lost ? null : exitCode;
    }

    /** The output chunk at {@code index}, blocking until it exists; null when there will be none. */
    synchronized LogChunk chunk(int index) throws InterruptedException {
        while (index >= output.size() && (!started || (exitCode == null && !lost))) {
            wait();
        }
        return index < output.size() ? output.get(index) : null;
    }

    synchronized Integer exitCode() {
        return exitCode;
    }

    /** The grace period it was stopped with, or null when it was not stopped. */
    synchronized Duration stopGrace() {
        return stopGrace;
    }

    synchronized boolean isRunning() {
        return started && exitCode == null && !lost;
    }
}
