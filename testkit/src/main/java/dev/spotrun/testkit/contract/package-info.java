/**
 * Contract suites: the assertions every adapter of a port must pass. Extend one in a test class of your
 * adapter, implement its few abstract methods, and your adapter is held to the same behaviour as the
 * in-memory fakes and the real adapters.
 */
package dev.spotrun.testkit.contract;
