/**
 * The failures a user can act on. Every one is a {@link dev.spotrun.domain.failure.SpotrunException}
 * that says, in one line, what happened and what to do, and whether a retry may help. Adapters
 * translate their technology's errors into these; nothing else crosses a port.
 */
package dev.spotrun.domain.failure;
