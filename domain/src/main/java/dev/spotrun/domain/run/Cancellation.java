package dev.spotrun.domain.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lets another thread (a signal handler, a CI timeout) cancel a run. The first {@link #cancel(boolean)
 * cancel} stops the run; the container is stopped gracefully when asked, then the machine is terminated.
 * A later cancel escalates: the container is killed at once. The machine is terminated on every path.
 *
 * <p>A cancel reaches the running thread as an interrupt, but only where an interrupt costs nothing: while it
 * waits (for a machine to boot, for the engine, for the container). Cloud calls that create or destroy
 * something (a launch, a termination, a release) are shielded: a cloud client that sees its thread interrupted
 * throws the answer away (the AWS SDK does), and a launch whose answer is lost is a machine nobody terminates.
 * Once the run cleans up, further cancels only shorten the container's stop.
 */
public final class Cancellation {

    private final Object lock = new Object();
    private int requests;
    private boolean graceful = true;
    private Thread runner;
    private boolean interruptible;
    private Runnable onCancel = () -> {
    };
    private final List<Cancellation> children = new ArrayList<>();

    /** Asks the run to end. Safe to call from any thread, any number of times. */
    public void cancel(boolean gracefully) {
        Runnable notify;
        List<Cancellation> reached;
        synchronized (lock) {
            if (!gracefully) {
                graceful = false;
            }
            requests++;
            notify = onCancel;
            reached = List.copyOf(children);
        }
        notify.run();
        synchronized (lock) {
            if (runner != null && interruptible) {
                runner.interrupt();
            }
        }
        reached.forEach(child -> child.cancel(gracefully));
    }

    /**
     * A cancellation of its own for one of several runs this one stands for (the shards of a fan-out): every
     * cancel of this one reaches it too, with the same gracefulness. A child made after a cancel starts out
     * cancelled, with as many requests, so that a run that has not begun yet never begins.
     */
    public Cancellation child() {
        Cancellation child = new Cancellation();
        synchronized (lock) {
            children.add(child);
            child.requests = requests;
            child.graceful = graceful;
        }
        return child;
    }

    public boolean isRequested() {
        synchronized (lock) {
            return requests > 0;
        }
    }

    /** Whether the container still gets its stop grace period. */
    public boolean isGraceful() {
        synchronized (lock) {
            return graceful;
        }
    }

    /** How many cancels arrived so far. */
    int requests() {
        synchronized (lock) {
            return requests;
        }
    }

    /**
     * Cuts the run's current wait short, as a cancel would but without one: for a machine the cloud took back
     * while the run waits on it. Nothing happens while the run is in a shielded call.
     */
    void interruptIfWaiting() {
        synchronized (lock) {
            if (runner != null && interruptible) {
                runner.interrupt();
            }
        }
    }

    /** The run starts on {@code thread}, which cancels may interrupt while it waits. */
    void bind(Thread thread, Runnable notify) {
        synchronized (lock) {
            this.onCancel = notify;
            this.runner = thread;
            this.interruptible = true;
        }
    }

    void unbind() {
        synchronized (lock) {
            this.runner = null;
            this.interruptible = false;
            this.onCancel = () -> {
            };
        }
        Thread.interrupted();
    }

    /**
     * Runs {@code call} where no cancel interrupts it, with the interrupt flag clear: a cloud call that creates
     * or destroys something, or a whole clean-up. A cancel that arrives meanwhile is recorded; once the call is
     * done and the run is interruptible again, the thread is interrupted so that its next wait ends.
     */
    <T> T shielded(Supplier<T> call) {
        return within(false, call);
    }

    /** Runs {@code call} where a cancel interrupts it, e.g. the container's graceful stop during clean-up. */
    <T> T interruptible(Supplier<T> call) {
        return within(true, call);
    }

    private <T> T within(boolean allowed, Supplier<T> call) {
        boolean before = enter(allowed);
        try {
            return call.get();
        } finally {
            leave(before);
        }
    }

    private boolean enter(boolean allowed) {
        synchronized (lock) {
            boolean before = interruptible;
            interruptible = allowed;
            if (!allowed) {
                // An interrupt delivered while the thread was interruptible must not abort the shielded call.
                Thread.interrupted();
            }
            return before;
        }
    }

    private void leave(boolean before) {
        synchronized (lock) {
            interruptible = before;
            // Under the lock no cancel can interrupt between these lines: no interrupt leaks out of a section
            // where it was not wanted, and none that is owed to an interruptible caller is lost.
            Thread.interrupted();
            if (before && requests > 0) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
