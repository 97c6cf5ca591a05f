package dev.spotrun.domain;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a run whose container exited.
 *
 * @param runId    the run's id, as tagged on its machines
 * @param exitCode the container's exit code
 * @param attempts every attempt, in order; the last one is the one that exited
 */
public record RunResult(String runId, int exitCode, List<Attempt> attempts) {

    public RunResult {
        Objects.requireNonNull(runId, "runId");
        attempts = List.copyOf(attempts);
    }

    /** The machines used, in order. */
    public List<Instance> instances() {
        return attempts.stream().map(Attempt::instance).filter(Objects::nonNull).toList();
    }

    /** The time in each phase, summed over all attempts. */
    public Map<Phase, Duration> phases() {
        Map<Phase, Duration> sum = new EnumMap<>(Phase.class);
        for (Attempt attempt : attempts) {
            attempt.phases().forEach((phase, d) -> sum.merge(phase, d, Duration::plus));
        }
        return Collections.unmodifiableMap(sum);
    }

    /**
     * Why some of the container's output may be missing (it stalled or broke after the exit), or "" when all
     * of it arrived. The exit code is the container's either way.
     */
    public String outputWarning() {
        Attempt last = lastAttempt();
        return last.outcome() == Outcome.EXITED ? last.detail() : "";
    }

    /** The attempt whose container exited. */
    public Attempt lastAttempt() {
        return attempts.get(attempts.size() - 1);
    }
}
