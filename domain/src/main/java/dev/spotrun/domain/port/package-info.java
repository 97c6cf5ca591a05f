/**
 * The ports: what the lifecycle needs from a cloud ({@link dev.spotrun.domain.port.ComputePort}), a
 * registry ({@link dev.spotrun.domain.port.RegistryPort}) and a machine's container engine
 * ({@link dev.spotrun.domain.port.ContainerEnginePort}), and from time itself
 * ({@link dev.spotrun.domain.port.Sleeper}). Only JDK and domain types cross them; adapters translate
 * their technology's errors into {@link dev.spotrun.domain.failure.SpotrunException}s.
 */
package dev.spotrun.domain.port;
