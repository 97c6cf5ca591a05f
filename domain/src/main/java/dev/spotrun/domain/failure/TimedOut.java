package dev.spotrun.domain.failure;

import dev.spotrun.domain.Phase;
import java.time.Duration;
import java.util.Locale;

/** A phase took longer than its limit. */
public final class TimedOut extends SpotrunException {

    private final Phase phase;
    private final Duration limit;

    public TimedOut(Phase phase, Duration limit, String detail) {
        super(phase.name().toLowerCase(Locale.ROOT) + " took longer than " + limit
                + (detail.isEmpty() ? "" : " (" + detail + ")") + "; raise " + flagFor(phase) + " if that is expected",
                phase != Phase.RUN);
        this.phase = phase;
        this.limit = limit;
    }

    private static String flagFor(Phase phase) {
        return switch (phase) {
            case PULL -> "--pull-timeout";
            case RUN -> "--timeout";
            default -> "--boot-timeout";
        };
    }

    public Phase phase() {
        return phase;
    }

    public Duration limit() {
        return limit;
    }
}
