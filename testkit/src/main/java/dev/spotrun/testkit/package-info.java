/**
 * Test spotrun, and your own pipelines around it, without a cloud: in-memory fakes of every port with
 * fault injection ({@link dev.spotrun.testkit.InMemoryCloud} wires them), a {@link
 * dev.spotrun.testkit.VirtualClock} that makes timeouts and backoff instant, and contract suites
 * ({@code dev.spotrun.testkit.contract}) that every adapter of a port must pass.
 */
package dev.spotrun.testkit;
