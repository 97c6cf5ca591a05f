package dev.spotrun.domain.run;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.domain.port.LogSink;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;

/**
 * What every attempt of one run shares: the record of what it launched among it, and the release of what earlier
 * runs left, which its first launch starts.
 */
record RunContext(String runId, RunSpec spec, ImageRef image, ComputePort compute, RegistryPort registry,
                  ContainerEnginePort engines, EngineTrust trust, Clock clock, Sleeper sleeper, Emitter events,
                  LogSink logs, Cancellation cancellation, Launches launches, EndedRuns endedRuns) {
}
