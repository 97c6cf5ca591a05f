/**
 * The sweep behind {@code spotrun gc}: {@link dev.spotrun.domain.sweep.Sweep} terminates the spotrun machines past
 * their expiry and releases what stale runs left, and says what it did in a {@link dev.spotrun.domain.sweep.SweepReport}.
 */
package dev.spotrun.domain.sweep;
