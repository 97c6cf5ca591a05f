package dev.spotrun.domain;

import dev.spotrun.domain.failure.Cancelled;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A value worked out ahead, on a daemon thread of its own, while the caller does something else, and then
 * taken as the caller would have had it by working it out itself: the value, or the exception its work threw.
 *
 * @param <T> the value's type
 */
public final class Ahead<T> {

    private final FutureTask<T> answer;
    private final String what;

    private Ahead(FutureTask<T> answer, String what) {
        this.answer = answer;
        this.what = what;
    }

    /**
     * Starts {@code work} now.
     *
     * @param what   what the work is, for the thread's name and a cancel's message, e.g. "the image id"
     * @param thread the thread's name
     */
    public static <T> Ahead<T> start(String what, String thread, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread worker = new Thread(task, thread);
        worker.setDaemon(true);
        worker.start();
        return new Ahead<>(task, what);
    }

    /** Whether the work has ended, with a value or an exception: {@link #get} then returns at once. */
    public boolean isDone() {
        return answer.isDone();
    }

    /**
     * Waits for the value and returns it, or throws what the work threw.
     *
     * @throws Cancelled when the waiting thread is interrupted (its flag is kept)
     */
    public T get() {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("cancelled while waiting for " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("working out " + what + " failed: " + cause, cause);
        }
    }
}
