package dev.spotrun.cli.wiring;

import com.google.inject.Module;
import dev.spotrun.domain.RunSpec;

/**
 * One use of a cloud by one command: the Guice module that binds its ports and, for a cloud that runs in this
 * process, its lifetime.
 */
public interface CloudSession extends AutoCloseable {

    /** Binds {@code ComputePort}, {@code RegistryPort} and {@code ContainerEnginePort}. Does no I/O. */
    Module module();

    /** The spec as this cloud runs it; the local cloud first pushes a local image to its own registry. */
    default RunSpec prepare(RunSpec spec) {
        return spec;
    }

    /** Stops what the session started; nothing for a remote cloud. */
    @Override
    void close();
}
