/**
 * The run model: what a user asks for ({@link dev.spotrun.domain.RunSpec}) and what they get back
 * ({@link dev.spotrun.domain.RunResult}). Records only; the JDK is the only dependency of this module.
 */
package dev.spotrun.domain;
