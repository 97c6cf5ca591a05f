package dev.spotrun.domain.failure;

import dev.spotrun.domain.Durations;
import dev.spotrun.domain.Phase;
import java.time.Duration;
import java.util.Locale;

/** A phase took longer than its limit. */
public final class TimedOut extends SpotrunException {

    private final Phase phase;
    private final Duration limit;

    public TimedOut(Phase phase, Duration limit, String detail) {
        this(phase, limit, detail, null);
    }

    /** @param cause what kept the phase from ending, e.g. the last failed ping of an engine that never answered */
    public TimedOut(Phase phase, Duration limit, String detail, Throwable cause) {
        super(phase.name().toLowerCase(Locale.ROOT) + " took longer than " + Durations.format(limit)
                + (detail.isEmpty() ? "" : " (" + detail + ")"), phase != Phase.RUN, cause);
        this.phase = phase;
        this.limit = limit;
    }

    public Phase phase() {
        return phase;
    }

    public Duration limit() {
        return limit;
    }
}
