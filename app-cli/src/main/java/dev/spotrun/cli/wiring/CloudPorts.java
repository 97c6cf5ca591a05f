package dev.spotrun.cli.wiring;

import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.RegistryPort;

/** What the lifecycle and the sweep run on: one cloud's ports. */
public record CloudPorts(ComputePort compute, RegistryPort registry, ContainerEnginePort engines) {
}
