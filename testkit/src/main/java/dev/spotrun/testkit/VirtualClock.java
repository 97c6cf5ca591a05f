package dev.spotrun.testkit;

import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when someone sleeps on it or {@link #advance advances} it. Hand it to
 * {@link dev.spotrun.domain.run.RemoteRun} as both clock and sleeper and a ten-minute boot timeout is
 * proved in milliseconds. Thread-safe. Sleeping checks the thread's interrupt flag, as a real sleep does. A
 * {@linkplain #sleepBeside sleep beside the run} waits for others to move time instead.
 */
public final class VirtualClock extends Clock implements Sleeper {

    /** Where every virtual clock starts unless told otherwise. */
    public static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now;
    private int sleepersBeside;

    public VirtualClock() {
        this(EPOCH);
    }

    public VirtualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a virtual clock is always UTC");
    }

    /** Moves time forward by {@code duration} at once. */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        now = now.plus(duration);
        notifyAll();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleeping " + duration);
        }
        synchronized (this) {
            sleeps.add(duration);
            now = now.plus(duration);
            notifyAll();
        }
    }

    /**
     * A thread beside the run (a watch that looks at the machine now and then) does not move time: it waits,
     * for real, until the run's own sleeps or waits, or the test's {@link #advance}, moved time that far. Not
     * recorded in {@link #sleeps()}.
     */
    @Override
    public synchronized void sleepBeside(Duration duration) throws InterruptedException {
        Instant until = now.plus(duration);
        sleepersBeside++;
        try {
            while (now.isBefore(until)) {
                wait();
            }
        } finally {
            sleepersBeside--;
        }
    }

    /** How many threads wait in {@link #sleepBeside} now: a test moves time once the watch it drives waits. */
    public synchronized int sleepersBeside() {
        return sleepersBeside;
    }

    /** Every sleep so far, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
