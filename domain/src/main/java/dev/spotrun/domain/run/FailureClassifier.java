package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.AdapterFailed;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TimedOut;
import java.util.Locale;
import java.util.Optional;

/**
 * Says what ended an attempt, from what broke and how far the attempt got. A cancel wins over everything; a
 * failure on a machine that the cloud took back is an interruption, whatever broke first; a failure of no
 * known kind is an adapter's, named after the step that was under way.
 */
final class FailureClassifier {

    private final RunContext context;
    private final int attempt;
    private final PhaseTimer phases;

    FailureClassifier(RunContext context, int attempt, PhaseTimer phases) {
        this.context = context;
        this.attempt = attempt;
        this.phases = phases;
    }

    SpotrunException classify(RuntimeException e, Reached reached) {
        if (context.cancellation().isRequested()) {
            return e instanceof Cancelled c ? c : new Cancelled("the run was cancelled");
        }
        if (e instanceof SpotInterrupted interrupted) {
            return interrupted;
        }
        Optional<SpotrunException> gone = watched(reached);
        if (gone.isPresent()) {
            return gone.get();
        }
        Instance instance = reached.instance();
        if (instance != null && !(e instanceof TimedOut timedOut && timedOut.phase() == Phase.RUN)) {
            try {
                MachineCheck.failIfGone(context, attempt, instance);
            } catch (SpotInterrupted | InstanceFailed machineGone) {
                return machineGone;
            } catch (RuntimeException statusUnknown) {
                // The watch may have heard from the cloud meanwhile, and its interrupt cut this ask short.
                Optional<SpotrunException> judged = watched(reached);
                if (judged.isPresent()) {
                    return judged.get();
                }
                e.addSuppressed(statusUnknown);
            }
        }
        return e instanceof SpotrunException known ? known : new AdapterFailed(step(), e);
    }

    /** What the machine's watch heard from the cloud, if it did; its interrupt, which said so, is then taken. */
    private static Optional<SpotrunException> watched(Reached reached) {
        Optional<SpotrunException> gone = reached.last(Reached.Connected.class).map(c -> c.watch().gone());
        if (gone.isPresent()) {
            Thread.interrupted(); // The watch's own interrupt, which cut the wait short: the cloud said why.
        }
        return gone;
    }

    /** The outcome of an attempt that ended with {@code failure}. */
    static Outcome outcomeOf(SpotrunException failure) {
        if (failure instanceof Cancelled) {
            return Outcome.CANCELLED;
        }
        return failure instanceof SpotInterrupted ? Outcome.INTERRUPTED : Outcome.FAILED;
    }

    /** What was under way, for a failure that says no more than its own words. */
    private String step() {
        Phase phase = phases.current();
        String step = phase == null ? "" : "the " + phase.name().toLowerCase(Locale.ROOT) + " step of ";
        return step + "attempt " + attempt;
    }
}
