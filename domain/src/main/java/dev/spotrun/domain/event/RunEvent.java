package dev.spotrun.domain.event;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Something that happened in a run, at {@link #at()}. Attempt numbers start at 1. */
public sealed interface RunEvent {

    /** When it happened, by the lifecycle's clock. */
    Instant at();

    /** The run has been validated and begins. */
    record RunStarted(Instant at, String runId, String image, int maxAttempts) implements RunEvent {
    }

    /**
     * An attempt entered a phase ({@link Phase}, in order: launch, boot, connect, pull, run, terminate). Progress
     * displays and summaries read the phases from these events rather than from the others.
     */
    record PhaseStarted(Instant at, int attempt, Phase phase) implements RunEvent {
    }

    /**
     * An attempt left a phase after {@code took}; {@code completed} is false when it ended because something failed
     * or the run was cancelled in it.
     */
    record PhaseEnded(Instant at, int attempt, Phase phase, Duration took, boolean completed) implements RunEvent {
    }

    /** A machine was asked for with one option. */
    record LaunchRequested(Instant at, int attempt, LaunchOption option) implements RunEvent {
    }

    /** That option had no capacity; the next one is tried. */
    record LaunchRejected(Instant at, int attempt, LaunchOption option, String reason) implements RunEvent {
    }

    /** A machine was launched: this option is the one used. */
    record InstanceLaunched(Instant at, int attempt, Instance instance, LaunchOption option) implements RunEvent {
    }

    /** The machine runs and has an address. */
    record InstanceRunning(Instant at, int attempt, Instance instance, Duration bootTime) implements RunEvent {
    }

    /** The machine's engine answered a ping. */
    record EngineReady(Instant at, int attempt, String apiVersion, Duration waited, int pings) implements RunEvent {
    }

    /** A progress report of the image pull. */
    record PullProgressed(Instant at, int attempt, PullProgress progress) implements RunEvent {
    }

    /** The image is on the machine. */
    record ImagePulled(Instant at, int attempt, String image, Duration took) implements RunEvent {
    }

    /** The container started. */
    record ContainerStarted(Instant at, int attempt, String containerId) implements RunEvent {
    }

    /**
     * The container exited with this code. {@code outputComplete} is false when some of its output may be
     * missing (it stalled or broke after the exit); the attempt's detail says why.
     */
    record ContainerExited(Instant at, int attempt, int exitCode, Duration ran, boolean outputComplete)
            implements RunEvent {
    }

    /** The container was stopped before it exited by itself (cancel or timeout). */
    record ContainerStopped(Instant at, int attempt, String containerId, boolean graceful) implements RunEvent {
    }

    /**
     * The cloud gave notice that it takes the spot machine back in {@code left} ({@code reason}: its status code,
     * e.g. {@code marked-for-termination}): the container is stopped, its artifacts are copied while the machine is
     * still there, and the attempt ends as interrupted.
     */
    record InterruptionNoticed(Instant at, int attempt, String instanceId, Duration left, String reason)
            implements RunEvent {
    }

    /** The cloud took the machine back. */
    record InstanceInterrupted(Instant at, int attempt, String instanceId, String reason) implements RunEvent {
    }

    /** Another attempt follows on a new machine. */
    record RetryScheduled(Instant at, int nextAttempt, String reason) implements RunEvent {
    }

    /** Someone asked to cancel the run. */
    record CancelRequested(Instant at, boolean graceful) implements RunEvent {
    }

    /** The machine was terminated. */
    record InstanceTerminated(Instant at, int attempt, String instanceId) implements RunEvent {
    }

    /** Terminating the machine failed; {@code willRetry} says whether it is tried again. */
    record TerminateFailed(Instant at, int attempt, String instanceId, String reason, boolean willRetry)
            implements RunEvent {
    }

    /**
     * What the run made besides its machines (e.g. its security group) could not be released; it costs nothing
     * and {@code spotrun gc} removes it later.
     */
    record ReleaseFailed(Instant at, String runId, String reason) implements RunEvent {
    }

    /**
     * What the run made besides its machines (e.g. its security group) is still held by a machine that is going
     * away: it is kept, marked as an ended run's, and the next spotrun run or {@code spotrun gc} releases it.
     */
    record ReleaseDeferred(Instant at, String runId) implements RunEvent {
    }

    /** This run released what earlier runs had left to be released later (their security groups). */
    record EndedRunsReleased(Instant at, List<String> runIds) implements RunEvent {
        public EndedRunsReleased {
            runIds = List.copyOf(runIds);
        }
    }

    /** The attempt ended. */
    record AttemptFinished(Instant at, int attempt, Outcome outcome, String detail) implements RunEvent {
    }

    /** The run ended; {@code exitCode} is the container's, or -1 when it did not exit. */
    record RunFinished(Instant at, String runId, Outcome outcome, int exitCode, String detail) implements RunEvent {
    }

    /**
     * Files are being copied into the container before it starts ({@code direction} "in", from a local path to a
     * container path) or out of it once it ended ("out", from a container path to a local directory): reported
     * from time to time while it goes, then once with {@code done}. {@code files} counts entries (files,
     * directories, links), {@code bytes} the bytes of file contents.
     */
    record FilesCopied(Instant at, int attempt, String direction, String from, String to, long files, long bytes,
                       Duration took, boolean done) implements RunEvent {
        public static final String IN = "in";
        public static final String OUT = "out";
    }

    /**
     * An artifact was not copied out, or some of it was not written: {@code entry} is "" when the path as a whole
     * is missing or could not be copied, else the archive entry refused (outside the local directory, through a
     * link, a file that exists). A warning: the job's exit code stays what it was.
     */
    record ArtifactWarning(Instant at, int attempt, String containerPath, String entry, String reason)
            implements RunEvent {
    }
}
