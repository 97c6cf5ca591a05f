package dev.spotrun.domain.run;

import dev.spotrun.domain.Retry;
import dev.spotrun.domain.Attempt;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TerminateFailed;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.LogSink;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Runs one container on a fresh machine and gives the machine back: the lifecycle of DESIGN.md, steps 0-9.
 *
 * <p>Guarantees: an invalid spec is refused before anything is provisioned; every launched machine is
 * terminated on every path (exit, failure, timeout, cancellation); capacity errors fall through the
 * {@link LaunchPlan}; a spot interruption is retried on a new machine up to the spec's retry policy.
 * Thread-safe: one instance may run several specs at once, each on its own thread.
 */
public final class RemoteRun {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ComputePort compute;
    private final RegistryPort registry;
    private final ContainerEnginePort engines;
    private final Clock clock;
    private final Sleeper sleeper;

    public RemoteRun(ComputePort compute, RegistryPort registry, ContainerEnginePort engines, Clock clock,
                     Sleeper sleeper) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A new run id: {@code sr-} and 12 random hex digits. */
    public static String newRunId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "sr-" + HexFormat.of().formatHex(bytes);
    }

    /** Runs the spec with a fresh run id and no way to cancel it from outside. */
    public RunResult run(RunSpec spec, LogSink logs, RunListener listener) {
        return run(newRunId(), spec, logs, listener, new Cancellation());
    }

    /**
     * Runs the spec on the calling thread until the container exits, the run fails or it is cancelled.
     *
     * @return the container's exit code and every attempt
     * @throws dev.spotrun.domain.failure.InvalidRunSpec before anything is provisioned
     * @throws Cancelled                                  after a cancel, once the machine is terminated
     * @throws SpotrunException                           for every other failure, once the machine is terminated
     */
    public RunResult run(String runId, RunSpec spec, LogSink logs, RunListener listener, Cancellation cancellation) {
        ImageRef image = RunSpecValidator.validate(spec);
        Emitter events = new Emitter(listener, clock);
        cancellation.bind(Thread.currentThread(),
                () -> events.emit(at -> new RunEvent.CancelRequested(at, cancellation.isGraceful())));
        try {
            // Every attempt's machine may live a whole time-to-live from its own launch: so must the key material.
            Duration lifetime = spec.ttl().multipliedBy(spec.retry().maxAttempts());
            RunContext context = new RunContext(runId, spec, image, compute, registry, engines,
                    engines.newTrust(runId, lifetime), clock, sleeper, events, logs, cancellation, new Launches(),
                    new EndedRuns(compute, events));
            events.emit(at -> new RunEvent.RunStarted(at, runId, image.canonical(), spec.retry().maxAttempts()));
            Ending ending;
            try {
                ending = attempts(context);
            } catch (RuntimeException e) {
                ending = new Ending(null, e instanceof SpotrunException known ? known
                        : new SpotrunException("unexpected failure: " + e, false, e), Outcome.FAILED);
            }
            RunContext ran = context;
            cancellation.shielded(() -> {
                new RunSweep(ran).sweep();
                return null;
            });
            return ending.finish(context);
        } finally {
            cancellation.unbind();
        }
    }

    /** How the attempts ended: with a result, or with the failure that ends the run. */
    private record Ending(RunResult result, SpotrunException failure, Outcome outcome) {

        /** Reports what the clean-up could not do with the run's own end, then returns or throws it. */
        RunResult finish(RunContext context) {
            List<TerminateFailed> left = context.launches().failures();
            SpotrunException end = failure;
            if (end == null && !left.isEmpty()) {
                end = left.get(0);
                left = left.subList(1, left.size());
            }
            if (end != null) {
                left.forEach(end::addSuppressed);
            }
            Outcome finalOutcome = failure == null && end != null ? Outcome.FAILED : outcome;
            int exitCode = result == null ? -1 : result.exitCode();
            String detail = end == null ? "" : String.valueOf(end.getMessage());
            context.events().emit(at -> new RunEvent.RunFinished(at, context.runId(), finalOutcome, exitCode, detail));
            if (end != null) {
                throw end;
            }
            return result;
        }
    }

    private Ending attempts(RunContext context) {
        List<Attempt> attempts = new ArrayList<>();
        int max = context.spec().retry().maxAttempts();
        for (int number = 1; ; number++) {
            AttemptRun.Ended ended = new AttemptRun(context, number).execute();
            attempts.add(ended.attempt());
            SpotrunException failure = ended.failure();
            if (failure == null) {
                return new Ending(new RunResult(context.runId(), ended.exitCode(), attempts), null, Outcome.EXITED);
            }
            if (!(failure instanceof SpotInterrupted) || number >= max || context.cancellation().isRequested()) {
                return new Ending(null, failure, ended.attempt().outcome());
            }
            int next = number + 1;
            context.events().emit(at -> new RunEvent.RetryScheduled(at, next, failure.getMessage()));
        }
    }
}
