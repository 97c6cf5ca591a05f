package dev.spotrun.domain.run;

import dev.spotrun.domain.Phase;
import dev.spotrun.domain.event.RunEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Times the phases of an attempt, the one place that knows them: starting one ends the one before, and each
 * start and end is an event, which progress displays and summaries read.
 */
final class PhaseTimer {

    private final Clock clock;
    private final Emitter events;
    private final int attempt;
    private final Map<Phase, Duration> durations = new EnumMap<>(Phase.class);
    private final Map<Phase, Instant> starts = new EnumMap<>(Phase.class);
    private Phase current;
    private Instant since;

    PhaseTimer(Clock clock, Emitter events, int attempt) {
        this.clock = clock;
        this.events = events;
        this.attempt = attempt;
    }

    /** Enters {@code phase}; the phase before it was completed. */
    void start(Phase phase) {
        start(phase, true);
    }

    /** Enters {@code phase}; {@code previousCompleted} says whether the phase before it got done. */
    void start(Phase phase, boolean previousCompleted) {
        stop(previousCompleted);
        current = phase;
        since = clock.instant();
        starts.put(phase, since);
        events.emit(at -> new RunEvent.PhaseStarted(at, attempt, phase));
    }

    /** Leaves the current phase, if any. */
    void stop(boolean completed) {
        if (current != null) {
            Phase ended = current;
            Duration took = Duration.between(since, clock.instant());
            durations.merge(ended, took, Duration::plus);
            current = null;
            events.emit(at -> new RunEvent.PhaseEnded(at, attempt, ended, took, completed));
        }
    }

    /** Time since the phase began. */
    Duration elapsed(Phase phase) {
        Instant start = starts.get(phase);
        return start == null ? Duration.ZERO : Duration.between(start, clock.instant());
    }

    Map<Phase, Duration> durations() {
        return durations;
    }
}
