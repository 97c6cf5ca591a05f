package dev.spotrun.domain.run;

import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/** Stamps events with the lifecycle's clock and keeps a failing listener from failing the run. */
final class Emitter {

    private final RunListener listener;
    private final Clock clock;

    Emitter(RunListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    void emit(Function<Instant, RunEvent> event) {
        try {
            listener.on(event.apply(clock.instant()));
        } catch (RuntimeException ignored) {
            // A broken progress display must never leak a machine.
        }
    }
}
