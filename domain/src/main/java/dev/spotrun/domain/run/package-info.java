/**
 * The lifecycle use case: {@link dev.spotrun.domain.run.RemoteRun} validates a
 * {@link dev.spotrun.domain.RunSpec}, launches a machine, runs the container on it, streams its output,
 * returns its exit code and terminates the machine on every path.
 */
package dev.spotrun.domain.run;
