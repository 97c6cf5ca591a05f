package dev.spotrun.testkit;

import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run listener that keeps every event, for assertions. */
public final class RecordingListener implements RunListener {

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void on(RunEvent event) {
        events.add(event);
    }

    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public <T extends RunEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
