package dev.spotrun.docker;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking engine calls on threads of their own, so that the caller's wait ends when it is interrupted
 * or out of time even though a socket read does not notice interrupts. On either, the call's abort action
 * (e.g. closing its HTTP response) ends the stuck read.
 */
final class Calls implements AutoCloseable {

    /** The call did not end within its time. */
    static final class OutOfTime extends Exception {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    private final ExecutorService executor;
    private final EngineFailures failures;

    Calls(String name, EngineFailures failures) {
        this.failures = failures;
        this.executor = Executors.newCachedThreadPool(daemonThreads(name));
    }

    /** Runs {@code call} and returns its value; failures come back as domain failures. */
    <T> T run(String operation, Callable<T> call) {
        try {
            return run(operation, null, call, () -> { });
        } catch (OutOfTime impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Runs {@code call} for at most {@code timeout} (null for no limit).
     *
     * @throws OutOfTime when time ran out; {@code abort} has run
     */
    <T> T run(String operation, Duration timeout, Callable<T> call, Runnable abort) throws OutOfTime {
        if (Thread.currentThread().isInterrupted()) {
            throw EngineFailures.cancelled(operation);
        }
        Future<T> future;
        try {
            future = executor.submit(call);
        } catch (RejectedExecutionException closed) {
            throw failures.unreachable(operation, new java.io.IOException("the client was closed", closed));
        }
        try {
            return timeout == null ? future.get() : future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            abort.run();
            future.cancel(true);
            throw EngineFailures.cancelled(operation);
        } catch (TimeoutException e) {
            abort.run();
            future.cancel(true);
            throw new OutOfTime();
        } catch (ExecutionException e) {
            throw failures.translate(operation, e.getCause());
        }
    }

    /** Starts {@code task} on a thread of its own and returns at once. */
    void start(String operation, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closed) {
            throw failures.unreachable(operation, new java.io.IOException("the client was closed", closed));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
