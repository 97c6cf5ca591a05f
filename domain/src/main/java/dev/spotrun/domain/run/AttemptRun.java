package dev.spotrun.domain.run;

import dev.spotrun.domain.Ahead;
import dev.spotrun.domain.Attempt;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.port.ContainerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One machine's part in a run: launch, boot, connect, pull, create, start, stream, exit, and, on every
 * path, stop what still runs and terminate the machine.
 *
 * <p>The steps hand each other immutable {@link Reached} values, each made from the one before. The one thing
 * the attempt keeps is the last value reached: a failure is classified, and the attempt cleaned up, from how
 * far it got.
 */
final class AttemptRun {

    private final RunContext context;
    private final int number;
    private final PhaseTimer phases;
    private final FileTransfers files;
    private final ContainerRun container;
    private Reached reached = Reached.NOTHING;

    AttemptRun(RunContext context, int number) {
        this.context = context;
        this.number = number;
        this.phases = new PhaseTimer(context.clock(), context.events(), number);
        this.files = new FileTransfers(context, number);
        this.container = new ContainerRun(context, number, phases, files);
    }

    /**
     * How an attempt ended, once cleaned up.
     *
     * @param attempt  its record, with the time of every phase it reached
     * @param exitCode the container's exit code, when it exited
     * @param failure  what ended the attempt otherwise, or null when the container exited
     */
    record Ended(Attempt attempt, int exitCode, SpotrunException failure) {
    }

    /** Runs the attempt, then cleans up after it on every path. */
    Ended execute() {
        Outcome outcome = Outcome.FAILED; // also when an Error ends the attempt: it is cleaned up all the same
        String detail = "";
        int exitCode = -1;
        SpotrunException failure = null;
        try {
            Reached.Drained drained = steps();
            exitCode = drained.exited().exitCode();
            outcome = Outcome.EXITED;
            detail = drained.detail();
        } catch (RuntimeException e) {
            failure = new FailureClassifier(context, number, phases).classify(e, reached);
            outcome = FailureClassifier.outcomeOf(failure);
            detail = failure.getMessage();
        } finally {
            new CleanUp(context, number, phases, files).run(reached, outcome, detail);
        }
        return new Ended(new Attempt(number, reached.instance(), outcome, detail, phases.durations()), exitCode,
                failure);
    }

    /** The steps in order: each takes the value the one before returned, and the value it returns is reached. */
    private Reached.Drained steps() {
        Ahead<Optional<RegistryCredentials>> credentials = credentialsAhead();
        phases.start(Phase.LAUNCH);
        Instant bootDeadline = context.clock().instant().plus(context.spec().timeouts().boot());
        Reached.Launched launched = reach(new Launcher(context).launch(number));
        context.endedRuns().start();
        prepareEngine();
        phases.start(Phase.BOOT);
        Checks.notCancelled(context.cancellation());
        Reached.Running running = reach(boot(launched, bootDeadline));
        phases.start(Phase.CONNECT);
        Reached.Connected connected = reach(connect(running));
        new EngineWait(context, number).await(connected, bootDeadline);
        phases.start(Phase.PULL);
        Checks.notCancelled(context.cancellation());
        Reached.Pulled pulled = reach(pull(connected, credentials));
        phases.start(Phase.RUN);
        Checks.notCancelled(context.cancellation());
        Reached.Created created = reach(container.create(pulled));
        Reached.Attached attached = reach(container.attach(created));
        Reached.Started started = reach(container.start(attached));
        Reached.Exited exited = reach(container.awaitExit(started));
        Reached.Drained drained = reach(container.drain(exited));
        container.collect(drained);
        return drained;
    }

    private <T extends Reached> T reach(T value) {
        reached = value;
        return value;
    }

    /**
     * While the first machine boots, the engine's adapter gets ready for its client on a thread of its own: the
     * run waits for the machine meanwhile anyway. Its failure, if any, is left to the connect to meet.
     */
    private void prepareEngine() {
        if (number == 1) {
            Ahead.start("the engine's client", "spotrun-engine-prepare", () -> {
                context.engines().prepare(context.trust());
                return null;
            });
        }
    }

    /** Waits, until the boot deadline at most, for the machine to run and have an address. */
    private Reached.Running boot(Reached.Launched launched, Instant deadline) {
        Instance instance = context.compute().awaitRunning(launched.instance(), Checks.remaining(context, deadline));
        Duration booted = phases.elapsed(Phase.BOOT);
        context.events().emit(at -> new RunEvent.InstanceRunning(at, number, instance, booted));
        return new Reached.Running(launched, instance, booted);
    }

    /** Makes a client of the machine's engine, watched: a connection that breaks makes the cloud be asked. */
    private Reached.Connected connect(Reached.Running running) {
        ContainerEngine engine = context.engines().connect(running.instance().address(), context.trust());
        MachineWatch watch = new MachineWatch(context, number, running.instance());
        engine.onConnectionLost(watch::connectionLost);
        return new Reached.Connected(running, engine, watch);
    }

    /**
     * The registry's credentials for the image, asked for as the attempt starts: the answer (a token call, and
     * on the first one the client it needs) comes while the machine launches and boots rather than after its
     * engine answers. The pull takes the answer as it would have had it, failure included; the attempt still
     * asks once. An attempt that ends before its pull leaves the answer unread.
     */
    private Ahead<Optional<RegistryCredentials>> credentialsAhead() {
        return Ahead.start("the registry's credentials", "spotrun-credentials-" + number,
                () -> context.registry().credentialsFor(context.image()));
    }

    /** Pulls the image onto the machine, with the registry's credentials when it has any for it. */
    private Reached.Pulled pull(Reached.Connected connected, Ahead<Optional<RegistryCredentials>> ahead) {
        Instant start = context.clock().instant();
        RegistryCredentials credentials = ahead.get().orElse(null);
        connected.engine().pull(context.image(), credentials, context.spec().timeouts().pull(),
                progress -> context.events().emit(at -> new RunEvent.PullProgressed(at, number, progress)));
        Duration took = Duration.between(start, context.clock().instant());
        context.events().emit(at -> new RunEvent.ImagePulled(at, number, context.image().canonical(), took));
        return new Reached.Pulled(connected);
    }
}
