package dev.spotrun.cli.output;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.Durations;
import java.util.Locale;

/**
 * One line of words per event, for plain progress and the live display's messages. Java 17 has no pattern
 * switch, so this is an instanceof chain that ends in an exception; a test builds every permitted subtype of
 * {@link RunEvent} and proves none reaches it.
 */
public final class EventText {

    private static final int MAX_DETAIL = 240;

    private EventText() {
    }

    /** The event in words, on one line: text from clouds and engines may hold line breaks. */
    public static String describe(RunEvent event) {
        return words(event).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String words(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            return "run " + e.runId() + ": " + e.image() + ", up to " + e.maxAttempts() + " attempt(s)";
        } else if (event instanceof RunEvent.PhaseStarted e) {
            return attempt(e.attempt()) + phase(e.phase()) + " started";
        } else if (event instanceof RunEvent.PhaseEnded e) {
            return attempt(e.attempt()) + phase(e.phase()) + (e.completed() ? " done" : " ended early") + " after "
                    + Durations.format(e.took());
        } else if (event instanceof RunEvent.LaunchRequested e) {
            return attempt(e.attempt()) + "requesting " + e.option();
        } else if (event instanceof RunEvent.LaunchRejected e) {
            return attempt(e.attempt()) + "no capacity for " + e.option() + "; trying the next option";
        } else if (event instanceof RunEvent.InstanceLaunched e) {
            return attempt(e.attempt()) + "launched " + machine(e.instance());
        } else if (event instanceof RunEvent.InstanceRunning e) {
            return attempt(e.attempt()) + e.instance().id() + " is running"
                    + (e.instance().address().isEmpty() ? "" : " at " + e.instance().address())
                    + " after " + Durations.format(e.bootTime());
        } else if (event instanceof RunEvent.EngineReady e) {
            return attempt(e.attempt()) + "Docker engine ready (API " + e.apiVersion() + ") after "
                    + Durations.format(e.waited()) + ", " + e.pings() + " ping(s)";
        } else if (event instanceof RunEvent.PullProgressed e) {
            return attempt(e.attempt()) + "pull " + pull(e.progress());
        } else if (event instanceof RunEvent.ImagePulled e) {
            return attempt(e.attempt()) + "pulled " + e.image() + " in " + Durations.format(e.took());
        } else if (event instanceof RunEvent.ContainerStarted e) {
            return attempt(e.attempt()) + "container " + shortId(e.containerId()) + " started";
        } else if (event instanceof RunEvent.ContainerExited e) {
            return attempt(e.attempt()) + "container exited with code " + e.exitCode() + " after "
                    + Durations.format(e.ran()) + (e.outputComplete() ? "" : "; its output may be incomplete");
        } else if (event instanceof RunEvent.ContainerStopped e) {
            return attempt(e.attempt()) + "container " + shortId(e.containerId())
                    + (e.graceful() ? " stopped" : " killed");
        }
        return describeEnd(event);
    }

    private static String describeEnd(RunEvent event) {
        if (event instanceof RunEvent.InterruptionNoticed e) {
            return attempt(e.attempt()) + "spot instance " + e.instanceId() + " will be interrupted in "
                    + Durations.format(e.left()) + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")")
                    + ": stopping the container and copying its artifacts first";
        } else if (event instanceof RunEvent.InstanceInterrupted e) {
            return attempt(e.attempt()) + "spot instance " + e.instanceId() + " was interrupted"
                    + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")");
        } else if (event instanceof RunEvent.RetryScheduled e) {
            return "retrying on a new machine, attempt " + e.nextAttempt() + ": " + e.reason();
        } else if (event instanceof RunEvent.CancelRequested e) {
            return e.graceful() ? "cancelling: stopping the container (a second Ctrl-C kills it at once), then terminating"
                    + " the instance"
                    : "cancelling: killing the container, then terminating the instance";
        } else if (event instanceof RunEvent.InstanceTerminated e) {
            return attempt(e.attempt()) + "terminated " + e.instanceId();
        } else if (event instanceof RunEvent.TerminateFailed e) {
            return attempt(e.attempt()) + "terminating " + e.instanceId() + " failed: " + e.reason()
                    + (e.willRetry() ? "; trying again" : "; giving up");
        } else if (event instanceof RunEvent.ReleaseFailed e) {
            return "the security group of run " + e.runId() + " was left (" + abbreviate(e.reason())
                    + "); it costs nothing and 'spotrun gc' removes it";
        } else if (event instanceof RunEvent.ReleaseDeferred e) {
            return "the security group of run " + e.runId() + " is still held by its terminated machine; the next"
                    + " spotrun run or 'spotrun gc' deletes it";
        } else if (event instanceof RunEvent.EndedRunsReleased e) {
            return "deleted the security groups that earlier runs left: " + String.join(", ", e.runIds());
        } else if (event instanceof RunEvent.AttemptFinished e) {
            return attempt(e.attempt()) + "finished: " + outcome(e.outcome())
                    + (e.detail().isEmpty() ? "" : ": " + abbreviate(e.detail()));
        } else if (event instanceof RunEvent.RunFinished e) {
            // Its detail repeats the last attempt's, and the error line at the end says it in full.
            return "run " + e.runId() + " finished: " + outcome(e.outcome())
                    + (e.exitCode() >= 0 ? " with code " + e.exitCode() : "");
        } else if (event instanceof RunEvent.FilesCopied e) {
            return attempt(e.attempt()) + copied(e);
        } else if (event instanceof RunEvent.ArtifactWarning e) {
            return attempt(e.attempt()) + "artifact " + e.containerPath()
                    + (e.entry().isEmpty() ? "" : ": entry " + e.entry()) + ": " + abbreviate(e.reason());
        }
        throw new IllegalArgumentException("no text for " + event.getClass().getName());
    }

    /** {@code copied ./ws into /work: 12 entries, 3.4 MB in 1.2s} (or "copying" while it goes). */
    static String copied(RunEvent.FilesCopied e) {
        boolean in = RunEvent.FilesCopied.IN.equals(e.direction());
        String verb = e.done() ? "copied " : "copying ";
        return verb + e.from() + (in ? " into the container at " : " out to ") + e.to() + ": " + e.files()
                + " entries, " + Bytes.format(e.bytes()) + (e.done() ? " in " + Durations.format(e.took()) : "");
    }

    static String machine(Instance instance) {
        return instance.id() + " (" + instance.instanceType() + " " + instance.market().label()
                + (instance.zone().isEmpty() ? "" : " in " + instance.zone()) + ")";
    }

    static String pull(PullProgress p) {
        StringBuilder sb = new StringBuilder();
        if (!p.layer().isEmpty()) {
            sb.append(p.layer()).append(": ");
        }
        sb.append(p.status());
        if (p.current() >= 0 && p.total() > 0) {
            sb.append(' ').append(Bytes.format(p.current())).append(" / ").append(Bytes.format(p.total()));
        }
        return sb.toString();
    }

    /** Long texts from clouds cut short: progress lines stay readable, the final error line has it all. */
    static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3) + "...";
    }

    static String phase(Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    static String outcome(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Attempt 0 is a machine found by the run's tag in its clean-up, not launched by an attempt it knows. */
    private static String attempt(int number) {
        return number <= 0 ? "clean-up: " : "attempt " + number + ": ";
    }
}
