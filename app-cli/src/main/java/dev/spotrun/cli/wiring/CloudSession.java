package dev.spotrun.cli.wiring;

import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;

/**
 * One use of a cloud by one command: its ports and, for a cloud that runs in this process, its lifetime.
 */
public interface CloudSession extends AutoCloseable {

    /**
     * The cloud's ports, built now (nothing is built before a command asks) on the command's clock and sleeper.
     *
     * @throws dev.spotrun.domain.failure.SpotrunException when the cloud's clients cannot be set up (e.g. no region)
     */
    CloudPorts ports(Clock clock, Sleeper sleeper);

    /** The spec as this cloud runs it; the local cloud first pushes a local image to its own registry. */
    default RunSpec prepare(RunSpec spec) {
        return spec;
    }

    /** Stops what the session started; nothing for a remote cloud. */
    @Override
    void close();
}
