/**
 * What happens during a run, as it happens: a sealed hierarchy of {@link dev.spotrun.domain.event.RunEvent}
 * records that progress displays, plain logs and JSON-lines writers all render.
 */
package dev.spotrun.domain.event;
