package dev.spotrun.domain.port;

import java.time.Duration;

/**
 * How the lifecycle waits. Production code sleeps the thread; tests pass a virtual clock that advances
 * instead, so timeouts and backoff are proved in milliseconds.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration}; throws InterruptedException when the thread is interrupted meanwhile. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits for {@code duration} on a thread beside the run's own, e.g. a watch that looks at the machine now and
     * then. A real sleeper sleeps; a virtual clock waits until the run (or the test) moved its time that far, so
     * that a thread that only looks never drives virtual time ahead of what it watches.
     */
    default void sleepBeside(Duration duration) throws InterruptedException {
        sleep(duration);
    }

    /** The thread's real sleep. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
}
