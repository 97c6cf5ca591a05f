package dev.spotrun.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * One-time set-up of an adapter (its libraries' classes, caches, key material code) run once per process on a
 * daemon thread, by doing throwaway work of the kind a real call will do, so that the set-up happens beside
 * other work rather than in the first real call. The code that needs the set-up {@link #await() waits} for a
 * warm-up still under way before it does the same work, so the two never set a library up at the same time.
 * A warm-up that fails is ignored: the real work meets the same problem and reports it.
 */
public final class WarmUp {

    private final String name;
    private final Runnable work;
    private final Duration patience;
    private Thread thread;

    /**
     * @param name     the thread's name
     * @param work     the throwaway work; it may itself build what {@link #await()}s this warm-up
     * @param patience how long {@link #await()} waits at most before the caller goes on beside it
     */
    public WarmUp(String name, Runnable work, Duration patience) {
        this.name = Objects.requireNonNull(name, "name");
        this.work = Objects.requireNonNull(work, "work");
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    /** Starts the work on its daemon thread, the first time only. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException ignored) {
                // The real work meets the same problem and reports it.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for a started warm-up to end, at most the patience; returns at once when none was started. */
    public void await() {
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started == null || started == Thread.currentThread()) {
            return;
        }
        try {
            started.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // A cancel: the caller goes on and sees the flag.
        }
    }

    /** Whether the warm-up was started and has ended. */
    public synchronized boolean done() {
        return thread != null && !thread.isAlive();
    }
}
