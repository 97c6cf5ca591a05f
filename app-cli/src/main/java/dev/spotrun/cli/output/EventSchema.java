package dev.spotrun.cli.output;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.event.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The documented schema of {@code --events}, version {@value #VERSION}: one JSON object per line, one record here
 * per event type, members in this order. Every object starts with {@code schema} (this version) and {@code type}
 * (the event's name) and {@code at} (ISO-8601, UTC); durations are whole milliseconds in members ending in
 * {@code Ms}; markets, outcomes are lowercase words. The domain's events are mapped here explicitly, so that
 * renaming a domain field cannot change the file other tools read: a change of this schema is a change of this
 * class, and of its version when it is not an addition.
 *
 * <p>A fan-out ({@code --shards}) adds one member to every line: {@code shard}, the shard's index, right after
 * {@code at} (see {@link JsonEvents#forShard}); a plain run's lines have none.
 */
final class EventSchema {

    /** The schema version every line carries. */
    static final int VERSION = 1;

    private EventSchema() {
    }

    /** A machine. */
    record Machine(String id, String instanceType, String market, String zone, String address) {
        static Machine of(Instance i) {
            return new Machine(i.id(), i.instanceType(), i.market().label(), i.zone(), i.address());
        }
    }

    /** A launch option: type, market and place. */
    record Option(String instanceType, String market, String subnet, String zone) {
        static Option of(LaunchOption o) {
            return new Option(o.instanceType(), o.market().label(), o.subnet(), o.zone());
        }
    }

    /** One progress report of a pull; byte counts are -1 when the engine gave none. */
    record Progress(String layer, String status, long current, long total) {
        static Progress of(PullProgress p) {
            return new Progress(p.layer(), p.status(), p.current(), p.total());
        }
    }

    record RunStarted(int schema, String type, String at, String runId, String image, int maxAttempts) {
    }

    /** {@code phase}: launch, boot, connect, pull, run or terminate. */
    record PhaseStarted(int schema, String type, String at, int attempt, String phase) {
    }

    /** {@code completed} is false when the phase ended because something failed or the run was cancelled in it. */
    record PhaseEnded(int schema, String type, String at, int attempt, String phase, long tookMs, boolean completed) {
    }

    record LaunchRequested(int schema, String type, String at, int attempt, Option option) {
    }

    record LaunchRejected(int schema, String type, String at, int attempt, Option option, String reason) {
    }

    record InstanceLaunched(int schema, String type, String at, int attempt, Machine instance, Option option) {
    }

    record InstanceRunning(int schema, String type, String at, int attempt, Machine instance, long bootTimeMs) {
    }

    record EngineReady(int schema, String type, String at, int attempt, String apiVersion, long waitedMs, int pings) {
    }

    record PullProgressed(int schema, String type, String at, int attempt, Progress progress) {
    }

    record ImagePulled(int schema, String type, String at, int attempt, String image, long tookMs) {
    }

    record ContainerStarted(int schema, String type, String at, int attempt, String containerId) {
    }

    /** {@code outputComplete} is false when some of the container's output may be missing (added in version 1). */
    record ContainerExited(int schema, String type, String at, int attempt, int exitCode, long ranMs,
                           boolean outputComplete) {
    }

    record ContainerStopped(int schema, String type, String at, int attempt, String containerId, boolean graceful) {
    }

    /** The cloud's interruption notice: the machine is taken back in {@code leftMs} (added in version 1). */
    record InterruptionNoticed(int schema, String type, String at, int attempt, String instanceId, long leftMs,
                               String reason) {
    }

    record InstanceInterrupted(int schema, String type, String at, int attempt, String instanceId, String reason) {
    }

    record RetryScheduled(int schema, String type, String at, int nextAttempt, String reason) {
    }

    record CancelRequested(int schema, String type, String at, boolean graceful) {
    }

    /** Attempt 0: a machine found by the run's tag in its clean-up. */
    record InstanceTerminated(int schema, String type, String at, int attempt, String instanceId) {
    }

    record TerminateFailed(int schema, String type, String at, int attempt, String instanceId, String reason,
                           boolean willRetry) {
    }

    record ReleaseFailed(int schema, String type, String at, String runId, String reason) {
    }

    record ReleaseDeferred(int schema, String type, String at, String runId) {
    }

    record EndedRunsReleased(int schema, String type, String at, java.util.List<String> runIds) {
    }

    record AttemptFinished(int schema, String type, String at, int attempt, String outcome, String detail) {
    }

    /** {@code exitCode} is the container's, or -1 when it did not exit. */
    record RunFinished(int schema, String type, String at, String runId, String outcome, int exitCode, String detail) {
    }

    /**
     * {@code direction}: in (a local path into the container) or out (a container path to a local directory);
     * {@code files} counts entries, {@code bytes} file contents; {@code done} on the last report of a copy.
     */
    record FilesCopied(int schema, String type, String at, int attempt, String direction, String from, String to,
                       long files, long bytes, long tookMs, boolean done) {
    }

    /** {@code entry} is "" when the artifact as a whole was not copied, else the archive entry refused. */
    record ArtifactWarning(int schema, String type, String at, int attempt, String containerPath, String entry,
                           String reason) {
    }

    /** The event as its schema record. */
    static Record of(RunEvent event) {
        String type = event.getClass().getSimpleName();
        String at = at(event.at());
        int v = VERSION;
        if (event instanceof RunEvent.RunStarted e) {
            return new RunStarted(v, type, at, e.runId(), e.image(), e.maxAttempts());
        } else if (event instanceof RunEvent.PhaseStarted e) {
            return new PhaseStarted(v, type, at, e.attempt(), word(e.phase()));
        } else if (event instanceof RunEvent.PhaseEnded e) {
            return new PhaseEnded(v, type, at, e.attempt(), word(e.phase()), ms(e.took()), e.completed());
        } else if (event instanceof RunEvent.LaunchRequested e) {
            return new LaunchRequested(v, type, at, e.attempt(), Option.of(e.option()));
        } else if (event instanceof RunEvent.LaunchRejected e) {
            return new LaunchRejected(v, type, at, e.attempt(), Option.of(e.option()), e.reason());
        } else if (event instanceof RunEvent.InstanceLaunched e) {
            return new InstanceLaunched(v, type, at, e.attempt(), Machine.of(e.instance()), Option.of(e.option()));
        } else if (event instanceof RunEvent.InstanceRunning e) {
            return new InstanceRunning(v, type, at, e.attempt(), Machine.of(e.instance()), ms(e.bootTime()));
        } else if (event instanceof RunEvent.EngineReady e) {
            return new EngineReady(v, type, at, e.attempt(), e.apiVersion(), ms(e.waited()), e.pings());
        } else if (event instanceof RunEvent.PullProgressed e) {
            return new PullProgressed(v, type, at, e.attempt(), Progress.of(e.progress()));
        } else if (event instanceof RunEvent.ImagePulled e) {
            return new ImagePulled(v, type, at, e.attempt(), e.image(), ms(e.took()));
        } else if (event instanceof RunEvent.ContainerStarted e) {
            return new ContainerStarted(v, type, at, e.attempt(), e.containerId());
        } else if (event instanceof RunEvent.ContainerExited e) {
            return new ContainerExited(v, type, at, e.attempt(), e.exitCode(), ms(e.ran()), e.outputComplete());
        }
        return later(event, type, at);
    }

    private static Record later(RunEvent event, String type, String at) {
        int v = VERSION;
        if (event instanceof RunEvent.ContainerStopped e) {
            return new ContainerStopped(v, type, at, e.attempt(), e.containerId(), e.graceful());
        } else if (event instanceof RunEvent.InterruptionNoticed e) {
            return new InterruptionNoticed(v, type, at, e.attempt(), e.instanceId(), ms(e.left()), e.reason());
        } else if (event instanceof RunEvent.InstanceInterrupted e) {
            return new InstanceInterrupted(v, type, at, e.attempt(), e.instanceId(), e.reason());
        } else if (event instanceof RunEvent.RetryScheduled e) {
            return new RetryScheduled(v, type, at, e.nextAttempt(), e.reason());
        } else if (event instanceof RunEvent.CancelRequested e) {
            return new CancelRequested(v, type, at, e.graceful());
        } else if (event instanceof RunEvent.InstanceTerminated e) {
            return new InstanceTerminated(v, type, at, e.attempt(), e.instanceId());
        } else if (event instanceof RunEvent.TerminateFailed e) {
            return new TerminateFailed(v, type, at, e.attempt(), e.instanceId(), e.reason(), e.willRetry());
        } else if (event instanceof RunEvent.ReleaseFailed e) {
            return new ReleaseFailed(v, type, at, e.runId(), e.reason());
        } else if (event instanceof RunEvent.ReleaseDeferred e) {
            return new ReleaseDeferred(v, type, at, e.runId());
        } else if (event instanceof RunEvent.EndedRunsReleased e) {
            return new EndedRunsReleased(v, type, at, e.runIds());
        } else if (event instanceof RunEvent.AttemptFinished e) {
            return new AttemptFinished(v, type, at, e.attempt(), word(e.outcome()), e.detail());
        } else if (event instanceof RunEvent.RunFinished e) {
            return new RunFinished(v, type, at, e.runId(), word(e.outcome()), e.exitCode(), e.detail());
        }
        return files(event, type, at);
    }

    private static Record files(RunEvent event, String type, String at) {
        int v = VERSION;
        if (event instanceof RunEvent.FilesCopied e) {
            return new FilesCopied(v, type, at, e.attempt(), e.direction(), e.from(), e.to(), e.files(), e.bytes(),
                    ms(e.took()), e.done());
        } else if (event instanceof RunEvent.ArtifactWarning e) {
            return new ArtifactWarning(v, type, at, e.attempt(), e.containerPath(), e.entry(), e.reason());
        }
        throw new IllegalArgumentException("the events schema has no record for " + type + "; add one");
    }

    private static String at(Instant at) {
        return at.toString();
    }

    private static long ms(Duration d) {
        return d.toMillis();
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
