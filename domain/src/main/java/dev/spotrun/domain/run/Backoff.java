package dev.spotrun.domain.run;

import java.time.Duration;

/** Doubling waits from a first one up to a cap: 100 ms, 200 ms, 400 ms, 800 ms, 1 s, 1 s, ... */
final class Backoff {

    private final Duration cap;
    private Duration next;

    Backoff(Duration first, Duration cap) {
        this.next = first;
        this.cap = cap;
    }

    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return current;
    }
}
