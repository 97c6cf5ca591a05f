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

    /** The thread's real sleep. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
}
