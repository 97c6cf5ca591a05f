package dev.spotrun.domain.run;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets another thread (a signal handler, a CI timeout) cancel a run. The first {@link #cancel(boolean)
 * cancel} stops the run; the container is stopped gracefully when asked, then the machine is terminated.
 * A later non-graceful cancel escalates: the container is killed at once. The machine is terminated on
 * every path.
 */
public final class Cancellation {

    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean graceful = true;
    private volatile Thread runner;
    private volatile Runnable onCancel = () -> {
    };

    /** Asks the run to end. Safe to call from any thread, any number of times. */
    public void cancel(boolean gracefully) {
        if (!gracefully) {
            graceful = false;
        }
        requests.incrementAndGet();
        onCancel.run();
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    public boolean isRequested() {
        return requests.get() > 0;
    }

    /** Whether the container still gets its stop grace period. */
    public boolean isGraceful() {
        return graceful;
    }

    void bind(Thread thread, Runnable notify) {
        this.onCancel = notify;
        this.runner = thread;
    }

    void unbind() {
        this.runner = null;
        this.onCancel = () -> {
        };
    }
}
