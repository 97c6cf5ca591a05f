package dev.spotrun.domain.run;

import dev.spotrun.domain.Durations;
import dev.spotrun.domain.Attempt;
import dev.spotrun.domain.Backoff;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.AdapterFailed;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ContainerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One machine's part in a run: launch, boot, connect, pull, create, start, stream, exit, and, on every
 * path, stop what still runs and terminate the machine.
 */
final class AttemptRun {

    /** The label that ties a container to its run. */
    static final String RUN_LABEL = "dev.spotrun.run-id";
    private static final Duration FIRST_PING_WAIT = Duration.ofMillis(100);
    private static final Duration MAX_PING_WAIT = Duration.ofSeconds(1);
    private static final int PINGS_BETWEEN_STATUS_CHECKS = 10;

    private final RunContext context;
    private final int number;
    private final PhaseTimer phases;
    private final FileTransfers files;
    private Instance instance;
    private ContainerEngine engine;
    private MachineWatch watch;
    private String containerId;
    private boolean started;
    private boolean exited;
    private Outcome outcome = Outcome.FAILED;
    private String detail = "";

    AttemptRun(RunContext context, int number) {
        this.context = context;
        this.number = number;
        this.phases = new PhaseTimer(context.clock(), context.events(), number);
        this.files = new FileTransfers(context, number);
    }

    /** Runs the attempt and returns the container's exit code. */
    int execute() {
        try {
            int exitCode = runContainer();
            outcome = Outcome.EXITED;
            return exitCode;
        } catch (RuntimeException e) {
            SpotrunException failure = classify(e);
            outcome = outcomeOf(failure);
            detail = failure.getMessage();
            throw failure;
        } finally {
            cleanUp();
        }
    }

    Attempt record() {
        return new Attempt(number, instance, outcome, detail, phases.durations());
    }

    private int runContainer() {
        phases.start(Phase.LAUNCH);
        Instant bootDeadline = context.clock().instant().plus(context.spec().timeouts().boot());
        Launcher.Launched launched = new Launcher(context).launch(number);
        instance = launched.instance();
        phases.start(Phase.BOOT);
        Checks.notCancelled(context.cancellation());
        instance = context.compute().awaitRunning(instance, remaining(bootDeadline));
        Duration booted = phases.elapsed(Phase.BOOT);
        context.events().emit(at -> new RunEvent.InstanceRunning(at, number, instance, booted));
        phases.start(Phase.CONNECT);
        engine = context.engines().connect(instance.address(), context.trust());
        watch = new MachineWatch(context, number, instance);
        engine.onConnectionLost(watch::connectionLost);
        awaitEngine(bootDeadline);
        phases.start(Phase.PULL);
        Checks.notCancelled(context.cancellation());
        pull();
        phases.start(Phase.RUN);
        Checks.notCancelled(context.cancellation());
        return runToExit();
    }

    private void awaitEngine(Instant deadline) {
        Backoff backoff = new Backoff(FIRST_PING_WAIT, MAX_PING_WAIT);
        Instant start = context.clock().instant();
        for (int pings = 1; ; pings++) {
            Checks.notCancelled(context.cancellation());
            try {
                String version = engine.ping();
                int count = pings;
                Duration waited = Duration.between(start, context.clock().instant());
                context.events().emit(at -> new RunEvent.EngineReady(at, number, version, waited, count));
                return;
            } catch (EngineUnreachable e) {
                Duration left = remaining(deadline);
                if (left.isZero()) {
                    throw new TimedOut(Phase.BOOT, context.spec().timeouts().boot(),
                            "the engine at " + instance.address() + " never answered: " + e.getMessage(), e);
                }
                if (pings % PINGS_BETWEEN_STATUS_CHECKS == 0) {
                    failIfGone();
                }
                Checks.sleep(context, Backoff.atMost(backoff.next(), left));
            }
        }
    }

    private void pull() {
        Instant start = context.clock().instant();
        RegistryCredentials credentials = context.registry().credentialsFor(context.image()).orElse(null);
        engine.pull(context.image(), credentials, context.spec().timeouts().pull(),
                progress -> context.events().emit(at -> new RunEvent.PullProgressed(at, number, progress)));
        Duration took = Duration.between(start, context.clock().instant());
        context.events().emit(at -> new RunEvent.ImagePulled(at, number, context.image().canonical(), took));
    }

    private int runToExit() {
        ContainerSpec container = context.spec().container().plusLabels(Map.of(RUN_LABEL, context.runId()));
        containerId = engine.create(container);
        files.copyIn(engine, containerId);
        // Attached before the start, the output streams from its first byte at the engine's speed.
        engine.attach(containerId);
        started = true; // even if the start's answer is lost: its artifacts are looked for
        engine.start(containerId);
        context.events().emit(at -> new RunEvent.ContainerStarted(at, number, containerId));
        LogPump logs = new LogPump(engine, containerId, context.logs(), context.runId());
        logs.start();
        int exitCode = engine.awaitExit(containerId, context.spec().timeouts().run());
        exited = true;
        String missing = drain(logs);
        if (!missing.isEmpty()) {
            detail = "the container's output may be incomplete: " + missing;
        }
        Duration ran = phases.elapsed(Phase.RUN);
        context.events().emit(at -> new RunEvent.ContainerExited(at, number, exitCode, ran, missing.isEmpty()));
        files.copyOut(engine, containerId);
        return exitCode;
    }

    /**
     * Waits for the rest of the output; returns "" when all of it arrived, else why some may be missing. The
     * container's exit code is known either way: output that stalls or breaks does not take it away.
     */
    private String drain(LogPump logs) {
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

    /** A failure on a machine that the cloud took back is an interruption, whatever broke first. */
    private SpotrunException classify(RuntimeException e) {
        if (context.cancellation().isRequested()) {
            return e instanceof Cancelled c ? c : new Cancelled("the run was cancelled");
        }
        if (e instanceof SpotInterrupted interrupted) {
            return interrupted;
        }
        if (watch != null && watch.gone() != null) {
            Thread.interrupted(); // The watch's own interrupt, which cut the wait short: the cloud said why.
            return watch.gone();
        }
        if (instance != null && !(e instanceof TimedOut timedOut && timedOut.phase() == Phase.RUN)) {
            try {
                failIfGone();
            } catch (SpotInterrupted | InstanceFailed gone) {
                return gone;
            } catch (RuntimeException statusUnknown) {
                e.addSuppressed(statusUnknown);
            }
        }
        return e instanceof SpotrunException known ? known : new AdapterFailed(step(), e);
    }

    /** What was under way, for a failure that says no more than its own words. */
    private String step() {
        Phase phase = phases.current();
        String step = phase == null ? "" : "the " + phase.name().toLowerCase(Locale.ROOT) + " step of ";
        return step + "attempt " + number;
    }

    private void failIfGone() {
        InstanceStatus status = context.compute().status(instance.id());
        if (status.interrupted()) {
            context.events().emit(at -> new RunEvent.InstanceInterrupted(at, number, instance.id(), status.reason()));
            throw new SpotInterrupted(instance.id(), status.reason());
        }
        if (status.state().isGone()) {
            throw new InstanceFailed(instance.id(), "it is " + status.state().name().toLowerCase(Locale.ROOT)
                    + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
        }
    }

    /** Stops what still runs and terminates the machine, shielded from cancels: only the stop gets shorter. */
    private void cleanUp() {
        phases.start(Phase.TERMINATE, outcome == Outcome.EXITED);
        boolean terminated = false;
        try {
            terminated = context.cancellation().shielded(() -> {
                stopContainer();
                if (started && engine != null) {
                    files.afterStop(engine, containerId, outcome == Outcome.INTERRUPTED);
                }
                closeEngine();
                return instance == null || new Terminator(context).terminate(number, instance.id());
            });
        } finally {
            phases.stop(terminated);
            context.events().emit(at -> new RunEvent.AttemptFinished(at, number, outcome, detail));
        }
    }

    /**
     * Stops a container that did not exit: gracefully when the run was not told otherwise, and at once when a
     * cancel arrives meanwhile (the second Ctrl-C), or when the stop cannot reach the engine otherwise.
     */
    private void stopContainer() {
        if (engine == null || containerId == null || exited) {
            return;
        }
        Cancellation cancellation = context.cancellation();
        int cancelsBefore = cancellation.requests();
        boolean graceful = cancellation.isGraceful();
        if (graceful) {
            try {
                cancellation.interruptible(() -> {
                    if (cancellation.requests() != cancelsBefore) {
                        throw new Cancelled("the stop was cut short");
                    }
                    engine.stop(containerId, context.spec().timeouts().stopGrace());
                    return null;
                });
            } catch (Cancelled escalated) {
                graceful = false;
            } catch (RuntimeException unreachable) {
                // The machine is terminated next; a container that cannot be stopped goes with it.
                return;
            }
        }
        if (!graceful && !killQuietly()) {
            return;
        }
        boolean wasGraceful = graceful;
        context.events().emit(at -> new RunEvent.ContainerStopped(at, number, containerId, wasGraceful));
    }

    private boolean killQuietly() {
        try {
            engine.stop(containerId, Duration.ZERO);
            return true;
        } catch (RuntimeException ignored) {
            // As above: terminating the machine ends the container.
            return false;
        }
    }

    private void closeEngine() {
        if (watch != null) {
            watch.close();
        }
        if (engine != null) {
            try {
                engine.close();
            } catch (RuntimeException ignored) {
                // Closing a client of a machine about to go away cannot fail the run.
            }
        }
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(context.clock().instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Outcome outcomeOf(SpotrunException failure) {
        if (failure instanceof Cancelled) {
            return Outcome.CANCELLED;
        }
        return failure instanceof SpotInterrupted ? Outcome.INTERRUPTED : Outcome.FAILED;
    }
}
