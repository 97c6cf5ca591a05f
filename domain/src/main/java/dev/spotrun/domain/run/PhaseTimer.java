package dev.spotrun.domain.run;

import dev.spotrun.domain.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Times the phases of an attempt: starting one ends the one before. */
final class PhaseTimer {

    private final Clock clock;
    private final Map<Phase, Duration> durations = new EnumMap<>(Phase.class);
    private final Map<Phase, Instant> starts = new EnumMap<>(Phase.class);
    private Phase current;
    private Instant since;

    PhaseTimer(Clock clock) {
        this.clock = clock;
    }

    void start(Phase phase) {
        stop();
        current = phase;
        since = clock.instant();
        starts.put(phase, since);
    }

    void stop() {
        if (current != null) {
            durations.merge(current, Duration.between(since, clock.instant()), Duration::plus);
            current = null;
        }
    }

    /** The phase under way, or null between phases. */
    Phase current() {
        return current;
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
