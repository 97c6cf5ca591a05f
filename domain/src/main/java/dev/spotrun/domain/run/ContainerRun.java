package dev.spotrun.domain.run;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.Durations;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.port.ContainerEngine;
import java.time.Duration;
import java.util.Map;

/**
 * The container's steps of an attempt, from the pulled image to the exit: create it, give it its inputs and
 * attach to its output, start it, wait for its exit, take the rest of its output and its artifacts. Each step
 * takes the value the one before returned and returns the next.
 */
final class ContainerRun {

    /** The label that ties a container to its run. */
    static final String RUN_LABEL = "dev.spotrun.run-id";

    private final RunContext context;
    private final int attempt;
    private final PhaseTimer phases;
    private final FileTransfers files;

    ContainerRun(RunContext context, int attempt, PhaseTimer phases, FileTransfers files) {
        this.context = context;
        this.attempt = attempt;
        this.phases = phases;
        this.files = files;
    }

    /** Creates the container of the spec, labelled with the run's id. */
    Reached.Created create(Reached.Pulled pulled) {
        ContainerSpec container = context.spec().container().plusLabels(Map.of(RUN_LABEL, context.runId()));
        return new Reached.Created(pulled, pulled.engine().create(container));
    }

    /** Copies the inputs in, in order, and attaches to the output before the start. */
    Reached.Attached attach(Reached.Created created) {
        ContainerEngine engine = created.engine();
        files.copyIn(engine, created.containerId());
        // Attached before the start, the output streams from its first byte at the engine's speed.
        engine.attach(created.containerId());
        return new Reached.Attached(created);
    }

    /** Starts the container and streams its output on a thread of its own. */
    Reached.Started start(Reached.Attached attached) {
        String containerId = attached.containerId();
        attached.engine().start(containerId);
        context.events().emit(at -> new RunEvent.ContainerStarted(at, attempt, containerId));
        attached.created().pulled().connected().watch().watchForNotice();
        LogPump logs = new LogPump(attached.engine(), containerId, context.logs(), context.runId());
        logs.start();
        return new Reached.Started(attached, logs);
    }

    /** Waits for the exit, at most the run timeout. */
    Reached.Exited awaitExit(Reached.Started started) {
        return new Reached.Exited(started,
                started.engine().awaitExit(started.containerId(), context.spec().timeouts().run()));
    }

    /**
     * Waits for the rest of the output and reports the exit. The container's exit code is known either way:
     * output that stalls or breaks does not take it away.
     */
    Reached.Drained drain(Reached.Exited exited) {
        Reached.Drained drained = new Reached.Drained(exited, missing(exited.started().logs()));
        Duration ran = phases.elapsed(Phase.RUN);
        context.events().emit(at -> new RunEvent.ContainerExited(at, attempt, exited.exitCode(), ran,
                drained.outputComplete()));
        return drained;
    }

    /** Copies the artifacts out of the exited container. */
    void collect(Reached.Drained drained) {
        Reached.Exited exited = drained.exited();
        files.copyOut(exited.engine(), exited.containerId());
    }

    /** Waits for the output to end; returns "" when all of it arrived, else why some may be missing. */
    private static String missing(LogPump logs) {
        try {
            if (!logs.drain()) {
                return "none of it arrived for " + Durations.format(LogPump.DRAIN) + " after the container exited";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("the run was cancelled");
        }
        return logs.failure() == null ? "" : logs.failure().getMessage();
    }
}
