package dev.spotrun.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One job: a container, the machine to run it on, its time limits and what to do on interruption.
 * Build one, then hand it to {@link dev.spotrun.domain.run.RemoteRun}, which validates it before it
 * provisions anything.
 *
 * @param container the container
 * @param machine   the machine
 * @param timeouts  the time each phase may take
 * @param ttl       how long the machine may live at most; it shuts itself down then, even if spotrun died
 * @param retry     retries after spot interruptions
 * @param owner     who runs the job, tagged on the machine (e.g. the user or CI job)
 * @param abandonAfter how long a machine lives on once no spotrun client is connected to its engine (its
 *                  dead-man switch); a run that spotrun resumes within it is not affected
 * @param copies    files and directories put into the container before it starts, in this order
 * @param artifacts paths copied out of the container once it ended, however it ended, in this order
 * @param overwriteArtifacts whether an artifact may replace a local file that exists already
 */
public record RunSpec(ContainerSpec container, MachineSpec machine, Timeouts timeouts, Duration ttl,
                      RetryPolicy retry, String owner, Duration abandonAfter, List<CopyIn> copies,
                      List<Artifact> artifacts, boolean overwriteArtifacts) {

    public RunSpec {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(retry, "retry");
        owner = Objects.requireNonNullElse(owner, "");
        abandonAfter = Objects.requireNonNullElse(abandonAfter, LaunchRequest.DEFAULT_ABANDON_AFTER);
        copies = List.copyOf(Objects.requireNonNullElse(copies, List.of()));
        artifacts = List.copyOf(Objects.requireNonNullElse(artifacts, List.of()));
    }

    /** A spec that copies nothing in or out. */
    public RunSpec(ContainerSpec container, MachineSpec machine, Timeouts timeouts, Duration ttl, RetryPolicy retry,
                   String owner, Duration abandonAfter) {
        this(container, machine, timeouts, ttl, retry, owner, abandonAfter, List.of(), List.of(), false);
    }

    /** A spec whose machines are abandoned after {@link LaunchRequest#DEFAULT_ABANDON_AFTER} without a client. */
    public RunSpec(ContainerSpec container, MachineSpec machine, Timeouts timeouts, Duration ttl, RetryPolicy retry,
                   String owner) {
        this(container, machine, timeouts, ttl, retry, owner, LaunchRequest.DEFAULT_ABANDON_AFTER);
    }

    /** A spec with default timeouts, a TTL of 7 hours and the default retry policy. */
    public static RunSpec of(ContainerSpec container, MachineSpec machine) {
        return new RunSpec(container, machine, Timeouts.defaults(), Duration.ofHours(7), RetryPolicy.defaults(), "");
    }

    public RunSpec withContainer(ContainerSpec c) {
        return new RunSpec(c, machine, timeouts, ttl, retry, owner, abandonAfter,
                copies, artifacts, overwriteArtifacts);
    }

    public RunSpec withMachine(MachineSpec m) {
        return new RunSpec(container, m, timeouts, ttl, retry, owner, abandonAfter,
                copies, artifacts, overwriteArtifacts);
    }

    public RunSpec withTimeouts(Timeouts t) {
        return new RunSpec(container, machine, t, ttl, retry, owner, abandonAfter,
                copies, artifacts, overwriteArtifacts);
    }

    public RunSpec withTtl(Duration d) {
        return new RunSpec(container, machine, timeouts, d, retry, owner, abandonAfter,
                copies, artifacts, overwriteArtifacts);
    }

    public RunSpec withRetry(RetryPolicy r) {
        return new RunSpec(container, machine, timeouts, ttl, r, owner, abandonAfter,
                copies, artifacts, overwriteArtifacts);
    }

    public RunSpec withAbandonAfter(Duration d) {
        return new RunSpec(container, machine, timeouts, ttl, retry, owner, d,
                copies, artifacts, overwriteArtifacts);
    }

    public RunSpec withOwner(String o) {
        return new RunSpec(container, machine, timeouts, ttl, retry, o, abandonAfter,
                copies, artifacts, overwriteArtifacts);
    }

    /** This spec with these copies in, replacing any it had. */
    public RunSpec withCopies(List<CopyIn> c) {
        return new RunSpec(container, machine, timeouts, ttl, retry, owner, abandonAfter, c, artifacts,
                overwriteArtifacts);
    }

    /** This spec with these artifacts out, replacing any it had. */
    public RunSpec withArtifacts(List<Artifact> a) {
        return new RunSpec(container, machine, timeouts, ttl, retry, owner, abandonAfter, copies, a,
                overwriteArtifacts);
    }

    /** This spec with artifacts that may, or may not, replace local files. */
    public RunSpec withOverwriteArtifacts(boolean overwrite) {
        return new RunSpec(container, machine, timeouts, ttl, retry, owner, abandonAfter, copies, artifacts,
                overwrite);
    }
}
