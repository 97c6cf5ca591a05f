package dev.spotrun.domain.run;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.port.ContainerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * An attempt's files: the copies go in after the container is created and before it starts (a copy that fails
 * fails the attempt: the job would run without its inputs); the artifacts come out once it ended, however it
 * ended, and before its machine is given up. An artifact that is missing or cannot be copied is a warning,
 * never the run's failure: the job's exit code stays what it was.
 */
final class FileTransfers {

    /** Progress is reported at most this often, so that a tree of many small files does not flood the events. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final RunContext context;
    private final int attempt;
    private boolean collected;

    FileTransfers(RunContext context, int attempt) {
        this.context = context;
        this.attempt = attempt;
    }

    /** Puts every copy into the created container, in order. */
    void copyIn(ContainerEngine engine, String containerId) {
        for (CopyIn copy : context.spec().copies()) {
            Checks.notCancelled(context.cancellation());
            String from = copy.source().toString();
            Progress progress = new Progress(RunEvent.FilesCopied.IN, from, copy.destination());
            CopyTally tally = engine.copyIn(containerId, copy, progress);
            progress.done(tally);
        }
    }

    /** Whether the artifacts were taken already (or there are none): the clean-up then need not. */
    boolean collected() {
        return collected || context.spec().artifacts().isEmpty();
    }

    /**
     * Copies every artifact out of the ended container, once per attempt. Stops early only when the thread is
     * interrupted (a further cancel): what is left is reported as not copied.
     */
    void copyOut(ContainerEngine engine, String containerId) {
        if (collected) {
            return;
        }
        collected = true;
        for (Artifact artifact : context.spec().artifacts()) {
            if (Thread.currentThread().isInterrupted()) {
                warn(artifact, "", "not copied: the run was cancelled again before its turn");
                continue;
            }
            collect(engine, containerId, artifact);
        }
    }

    /**
     * In the clean-up, once the container was stopped (a timeout, a cancel, an interruption): the artifacts not
     * taken yet are copied before the machine is terminated. A further cancel cuts the copy short. A machine
     * the cloud took back is not asked: each artifact says so at once instead of waiting for its connection.
     */
    void afterStop(ContainerEngine engine, String containerId, boolean machineGone) {
        if (!collected() && machineGone) {
            collected = true;
            context.spec().artifacts().forEach(a -> warn(a, "", "not copied: the cloud took the machine back"));
        } else if (!collected()) {
            context.cancellation().interruptible(() -> {
                copyOut(engine, containerId);
                return null;
            });
        }
    }

    private void collect(ContainerEngine engine, String containerId, Artifact artifact) {
        Progress progress = new Progress(RunEvent.FilesCopied.OUT, artifact.containerPath(),
                artifact.localDir().toString());
        try {
            ArtifactReport report = engine.copyOut(containerId, artifact, context.spec().overwriteArtifacts(),
                    progress);
            if (!report.found()) {
                warn(artifact, "", "no such file or directory in the container; nothing was copied");
                return;
            }
            report.refused().forEach(r -> warn(artifact, r.entry(), r.reason()));
            progress.done(report.written());
        } catch (Cancelled e) {
            warn(artifact, "", "the copy was cut short by a further cancel");
        } catch (RuntimeException e) {
            warn(artifact, "", "could not be copied: " + e.getMessage());
        }
    }

    private void warn(Artifact artifact, String entry, String reason) {
        context.events().emit(at -> new RunEvent.ArtifactWarning(at, attempt, artifact.containerPath(), entry,
                reason));
    }

    /** Turns an engine's tallies into progress events, at most one per {@link #PROGRESS_EVERY}. */
    private final class Progress implements Consumer<CopyTally> {
        private final String direction;
        private final String from;
        private final String to;
        private final Instant start = context.clock().instant();
        private Instant last = start;

        Progress(String direction, String from, String to) {
            this.direction = direction;
            this.from = from;
            this.to = to;
        }

        @Override
        public synchronized void accept(CopyTally tally) {
            Instant now = context.clock().instant();
            if (Duration.between(last, now).compareTo(PROGRESS_EVERY) >= 0) {
                last = now;
                emit(tally, now, false);
            }
        }

        void done(CopyTally tally) {
            emit(tally, context.clock().instant(), true);
        }

        private void emit(CopyTally tally, Instant now, boolean done) {
            Duration took = Duration.between(start, now);
            context.events().emit(at -> new RunEvent.FilesCopied(at, attempt, direction, from, to, tally.files(),
                    tally.bytes(), took, done));
        }
    }
}
