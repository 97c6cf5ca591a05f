package dev.spotrun.domain;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One machine's part in a run.
 *
 * @param number   1 for the first attempt
 * @param instance the machine, or null when none could be launched
 * @param outcome  how it ended
 * @param detail   why, in words, or ""; for an attempt whose container exited, what may be missing of its
 *                 output, or "" when all of it arrived
 * @param phases   the time spent in each phase it reached
 */
public record Attempt(int number, Instance instance, Outcome outcome, String detail, Map<Phase, Duration> phases) {

    public Attempt {
        Objects.requireNonNull(outcome, "outcome");
        detail = Objects.requireNonNullElse(detail, "");
        phases = phases == null || phases.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(phases));
    }
}
