package dev.spotrun.cli.output;

import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import java.util.List;

/** Several listeners as one; one that throws does not keep the event from the others. */
final class Listeners implements RunListener {

    private final List<RunListener> listeners;

    Listeners(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void on(RunEvent event) {
        for (RunListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException ignored) {
                // A broken display must not keep the events file, or the summary, from the event.
            }
        }
    }
}
