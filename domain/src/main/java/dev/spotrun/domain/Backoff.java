package dev.spotrun.domain;

import java.time.Duration;

/**
 * Doubling waits from a first one up to a cap (100 ms, 200 ms, 400 ms, 800 ms, 1 s, 1 s, ...), started again
 * after progress: the one formula behind {@link Retry} and the loops that keep a stream or a wait going, where a
 * try that made progress is not a failure.
 */
public final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration next;

    public Backoff(Duration first, Duration cap) {
        if (first.isNegative() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 <= first <= cap, not " + first + " and " + cap);
        }
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /** The wait to make now; the one after it is twice as long, up to the cap. */
    public Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return current;
    }

    /** The next wait is the first one again, as after a try that made progress. */
    public void reset() {
        next = first;
    }

    /** {@code wait}, or less when only {@code left} remains. */
    public static Duration atMost(Duration wait, Duration left) {
        return wait.compareTo(left) < 0 ? wait : left;
    }
}
