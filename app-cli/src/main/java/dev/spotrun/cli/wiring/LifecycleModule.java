package dev.spotrun.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.domain.run.RemoteRun;
import java.time.Clock;

/** The lifecycle, built from whichever cloud's ports are bound next to it. */
public final class LifecycleModule extends AbstractModule {

    @Provides
    RemoteRun remoteRun(ComputePort compute, RegistryPort registry, ContainerEnginePort engines, Clock clock,
                        Sleeper sleeper) {
        return new RemoteRun(compute, registry, engines, clock, sleeper);
    }
}
