package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.port.ContainerEngine;
import java.time.Duration;
import java.util.Optional;

/**
 * How far an attempt got. Each step of {@link AttemptRun} takes the value the step before it returned and
 * returns the next, which holds the one before: the last value reached is the whole story of the attempt so far.
 * The clean-up and the classification of a failure read from it what there is: a machine to ask about and
 * terminate, an engine client and a watch to close, a container to stop, artifacts to look for.
 *
 * <p>The values are immutable; the engine client, the watch and the log pump they hold are the live parts of
 * the attempt: the clean-up closes the first two, and the log pump's stream ends with its engine's client.
 */
sealed interface Reached {

    /** The attempt before its first step. */
    Reached NOTHING = new Nothing();

    /** The value this one was made from, or null for {@link #NOTHING}. */
    Reached previous();

    /** The machine as last seen, or null before one was launched. */
    default Instance instance() {
        return previous().instance();
    }

    /** The latest value of {@code step} on the way here: empty when the attempt did not get that far. */
    default <T extends Reached> Optional<T> last(Class<T> step) {
        for (Reached value = this; value != null; value = value.previous()) {
            if (step.isInstance(value)) {
                return Optional.of(step.cast(value));
            }
        }
        return Optional.empty();
    }

    /** Whether the attempt got as far as {@code step}. */
    default boolean got(Class<? extends Reached> step) {
        return last(step).isPresent();
    }

    /** No machine yet: none was asked for, or a launch failed (one left unanswered is the run's sweep's). */
    record Nothing() implements Reached {
        @Override
        public Reached previous() {
            return null;
        }

        @Override
        public Instance instance() {
            return null;
        }
    }

    /** The cloud made a machine, with the option of the launch plan that had capacity. */
    record Launched(Instance instance, LaunchOption option) implements Reached {
        @Override
        public Reached previous() {
            return NOTHING;
        }
    }

    /** The machine runs: {@code instance} now has its address; {@code booted} is how long that took. */
    record Running(Launched launched, Instance instance, Duration booted) implements Reached {
        @Override
        public Reached previous() {
            return launched;
        }
    }

    /**
     * A client of the machine's engine exists, with the watch that asks the cloud about the machine when a
     * connection breaks; the engine may not answer yet.
     */
    record Connected(Running running, ContainerEngine engine, MachineWatch watch) implements Reached {
        @Override
        public Reached previous() {
            return running;
        }
    }

    /** The image is on the machine. */
    record Pulled(Connected connected) implements Reached {
        @Override
        public Reached previous() {
            return connected;
        }

        ContainerEngine engine() {
            return connected.engine();
        }
    }

    /** A value from the container's creation on: the engine it is on and its id. */
    sealed interface OfContainer extends Reached {

        Created created();

        default ContainerEngine engine() {
            return created().pulled().engine();
        }

        default String containerId() {
            return created().containerId();
        }
    }

    /** The container exists, not started: from here it is stopped unless it exited. */
    record Created(Pulled pulled, String containerId) implements OfContainer {
        @Override
        public Reached previous() {
            return pulled;
        }

        @Override
        public Created created() {
            return this;
        }
    }

    /**
     * The container has its inputs and its output is attached: its start is asked for next. Whatever the
     * start's answer, even a lost one, the container may run from here, so its artifacts are looked for.
     */
    record Attached(Created created) implements OfContainer {
        @Override
        public Reached previous() {
            return created;
        }
    }

    /** The engine said the container started; its output streams on the log pump's thread. */
    record Started(Attached attached, LogPump logs) implements OfContainer {
        @Override
        public Reached previous() {
            return attached;
        }

        @Override
        public Created created() {
            return attached.created();
        }
    }

    /** The container exited with {@code exitCode}: there is nothing left to stop, its output may still come. */
    record Exited(Started started, int exitCode) implements OfContainer {
        @Override
        public Reached previous() {
            return started;
        }

        @Override
        public Created created() {
            return started.created();
        }
    }

    /**
     * The output ended, or stalled: {@code missing} says why some of it may be missing, or is "" when all of it
     * arrived.
     */
    record Drained(Exited exited, String missing) implements Reached {
        @Override
        public Reached previous() {
            return exited;
        }

        boolean outputComplete() {
            return missing.isEmpty();
        }

        /** The attempt's detail for a container that exited: what may be missing of its output, or "". */
        String detail() {
            return outputComplete() ? "" : "the container's output may be incomplete: " + missing;
        }
    }
}
