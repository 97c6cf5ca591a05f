package dev.spotrun.domain.event;

/**
 * Receives the events of a run on the thread that caused them. A listener that throws does not stop the
 * run: the lifecycle ignores its exceptions, so it must not rely on them.
 */
@FunctionalInterface
public interface RunListener {

    void on(RunEvent event);

    /** A listener that ignores everything. */
    static RunListener none() {
        return event -> {
        };
    }
}
